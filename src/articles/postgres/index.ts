/** The PostgreSQL store, shared by several instances: its schema comes from migrations/, its changes by NOTIFY. */
export { CHANGE_CHANNEL, openPostgresStore, type PostgresStoreOptions } from './postgres-store.js';
