export interface Config {
  modelMonitoring?: {
    onboarding?: {
      /** How often the catalog reads the onboarded models, in seconds. Default 5. */
      refreshSeconds?: number;
    };
  };
}
