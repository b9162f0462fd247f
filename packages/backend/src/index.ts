/*
 * The Backstage backend of the Model Monitoring portal: the catalog, the scaffolder with the
 * onboarding actions, notifications for alerts, and the model-monitoring plugin itself.
 */

import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// Sign-in: guest for the embedded default; see app-config.production.yaml for a real provider.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// Entities of the models onboarded to the built-in engine through the scaffolder.
backend.add(import('@mlmon/plugin-catalog-backend-module-model-monitoring'));

backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-notifications'));
backend.add(import('@mlmon/plugin-scaffolder-backend-module-model-monitoring'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('@backstage/plugin-permission-backend-module-allow-all-policy'));

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

backend.add(import('@mlmon/plugin-model-monitoring-backend'));
// The demo of the embedded default: seeds the demo models' data and adds live traffic
// (only when modelMonitoring.demo.enabled is true).
backend.add(import('./modules/demo'));

backend.start();
