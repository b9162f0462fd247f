export interface Config {
  /** Configuration of the model-monitoring backend plugin. */
  modelMonitoring?: {
    /** The built-in monitoring engine (the default when no AWS account is configured). */
    builtin?: {
      /**
       * Root of the engine's data: capture, ground truth, baselines and reports, as a local
       * folder path or a `file://` / `s3://` URL. Relative paths resolve from the backend's
       * working directory. Defaults to `.mlmon-data` in the repository root.
       */
      dataRoot?: string;
    };
  };
}
