export { createRng, DatasetBuilder, type TenantDataset } from './dataset-builder.js';
export { buildDemoTenant, DEMO_TENANT_ID } from './demo-tenant.js';
export { buildEnglishTenant, buildIsolationTenant, ENGLISH_TENANT_ID, ISOLATION_TENANT_ID } from './other-tenants.js';
export { isStoreEmpty, SEED_TENANTS, type SeededTenant, type SeedOptions, seedDemoData } from './seed-demo-data.js';
