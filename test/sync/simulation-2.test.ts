import { describe } from 'vitest';
import { simulateSeeds } from './simulation-cases';

// The seeds are split over four files so vitest's forks run them in parallel.
describe('sync simulation, seeds 56–110', () => simulateSeeds(56, 55));
