import { inject } from 'vitest';
import { createPostgresBlobStore } from '../../server/blobs/postgres';
import { createPostgresStore } from '../../server/store/postgres';
import { createTestDatabase } from '../support/postgres';
import { blobStoreContract } from './blob-contract';

blobStoreContract('PostgreSQL blobs table', async () => {
  const database = await createTestDatabase(inject('postgresUrl'));
  // The store's migrations make the table (004).
  await (await createPostgresStore({ url: database.url })).close();
  return {
    blobs: createPostgresBlobStore({ url: database.url }),
    reopen: () => createPostgresBlobStore({ url: database.url }),
    cleanup: () => database.drop(),
  };
});
