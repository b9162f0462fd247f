export interface Config {
  modelMonitoring?: {
    onboarding?: {
      /**
       * Folders (or file:// / s3:// URLs) the onboarding action may read training data sets
       * from, besides the built-in data root, its allowed locations and the task workspace.
       */
      datasetLocations?: string[];
    };
  };
}
