import { describe } from 'vitest';
import { simulateSeeds } from './simulation-cases';

describe('sync simulation (DESIGN §12), seeds 1–220', () => simulateSeeds(1, 220));
