// Vitest globalSetup of the test files that run against PostgreSQL (see vitest.config.ts): one
// server for the whole run, whose URL the files read with `inject('postgresUrl')`.
import type { TestProject } from 'vitest/node';
import { startTestPostgres } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startTestPostgres();
  project.provide('postgresUrl', server.url);
  return () => server.stop();
}
