export interface Config {
  /** Configuration of the model-monitoring backend plugin. */
  modelMonitoring?: {
    /** The built-in monitoring engine (the default when no AWS account is configured). */
    builtin?: {
      /**
       * Root of the engine's data: capture (`capture/`), ground truth (`ground-truth/{endpoint}/`),
       * baselines (`baselines/{endpoint}/{schedule}/`) and reports (`reports/`), as a local
       * folder path or a `file://` / `s3://` URL. Relative paths resolve from the backend's
       * working directory. Defaults to `.mlmon-data`.
       */
      dataRoot?: string;
      /**
       * Further locations (folders, file:// or s3:// URLs) that models may use for capture,
       * baselines and ground truth. Every other location is refused.
       */
      allowedLocations?: string[];
      /** How often the job runner looks for windows to run, in minutes. Default 5. */
      frequencyMinutes?: number;
      /** Most missed windows per schedule one runner pass catches up. Default 168. */
      maxCatchUpWindows?: number;
      /** Models monitored by the built-in engine (onboarded models are added through POST /models). */
      models?: Array<{
        /** Catalog entity of the model, e.g. `component:default/housing-price`. */
        entityRef: string;
        /** Endpoint name, as in the entity's mlmon.dev/endpoint annotation. */
        endpointName: string;
        /** Production variant. Default AllTraffic. */
        variant?: string;
        /** Capture root. Default `{dataRoot}/capture`. */
        captureUri?: string;
        schedules: Array<{
          /** Schedule name (letters, digits, hyphens). */
          name: string;
          /** DataQuality or ModelQuality (ModelBias, ModelExplainability are not run by the backend yet). */
          monitorType: 'DataQuality' | 'ModelQuality' | 'ModelBias' | 'ModelExplainability';
          /** SageMaker cron, e.g. `cron(0 * ? * * *)`. */
          scheduleExpression: string;
          /** Baseline folder. Default `{dataRoot}/baselines/{endpoint}/{schedule}`. */
          baselineUri?: string;
          /** Model quality: BinaryClassification, MulticlassClassification or Regression. */
          problemType?: 'BinaryClassification' | 'MulticlassClassification' | 'Regression';
          inferenceAttribute?: string;
          probabilityAttribute?: string;
          probabilityThresholdAttribute?: number;
          /** Ground-truth root. Default `{dataRoot}/ground-truth/{endpoint}`. */
          groundTruthUri?: string;
        }>;
      }>;
    };
    /** Default alert rule of every schedule of a model without rules of its own. */
    alerting?: {
      /** M: executions with violations among the last N that open an alert. Default 1. */
      datapointsToAlert?: number;
      /** N: executions evaluated. Default 1. */
      evaluationPeriod?: number;
    };
    overview?: {
      /** How often every model's status snapshot is refreshed, in minutes. Default 10. */
      refreshMinutes?: number;
    };
  };
}
