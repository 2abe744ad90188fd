export { lazyMigration, migratePostgres, type PgMigrationOptions } from './pg-migrations.js';
export { createPgPool, isPostgresUrl, type PgPoolOptions } from './pg-pool.js';
export { pgQuery, toPostgresError } from './pg-query.js';
export { PostgresError } from './postgres-error.js';
