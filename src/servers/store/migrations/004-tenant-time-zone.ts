/**
 * Migration 004: each tenant may name its IANA time zone, the calendar "hoje", "ontem" and "este mês"
 * are counted in. NULL keeps the process default (`VENTROS_TIME_ZONE`, else America/Sao_Paulo).
 */
export const TENANT_TIME_ZONE_SQL = `
ALTER TABLE tenants ADD COLUMN time_zone TEXT;
`;
