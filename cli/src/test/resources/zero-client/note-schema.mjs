// The Zero schema of the end-to-end test: one table, open to everyone. Deployed by the test's --on-db-ready hook
// with zero-deploy-permissions (as an app using legacy queries deploys its permissions) and used by the client.
import {ANYONE_CAN_DO_ANYTHING, createSchema, definePermissions, string, table} from '@rocicorp/zero';

const note = table('note').columns({id: string(), body: string()}).primaryKey('id');

export const schema = createSchema({tables: [note], enableLegacyQueries: true, enableLegacyMutators: true});

export const permissions = definePermissions(schema, () => ({note: ANYONE_CAN_DO_ANYTHING}));
