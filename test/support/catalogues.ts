// Every test file: the app loads Spanish and the console's words as lazy chunks (bench figure 8);
// tests read and render every catalogue, so all are loaded before a file runs.
import { loadCatalogues } from '../../app/i18n';

await loadCatalogues();
