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
          /** DataQuality, ModelQuality, ModelBias (bias drift) or ModelExplainability (feature-attribution drift). */
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
          /** Where the label is in JSON ground truth (default a bare value or `label`). */
          groundTruthAttribute?: string;
          /**
           * ModelBias, ModelExplainability: names of the captured input columns in CSV order
           * (JSON objects are read by name), e.g. [age, workclass, sex, hours_per_week].
           */
          features?: string[];
          /** ModelBias: the sensitive group, e.g. {column: sex, values: [Female]} or {column: age, threshold: 40}. */
          facet?: { column: string; values?: string[]; threshold?: number };
          /** ModelBias: label name in analysis.json and the ground-truth value(s) (or threshold) counted positive. */
          label?: { column: string; positiveValues?: string[]; threshold?: number };
          /** ModelBias: post-training metrics computed and checked (DPPL, DI, DCA, DCR, RD, DAR, DRR, AD, CDDPL, TE, FT). Default all. */
          biasMetrics?: string[];
          /**
           * ModelExplainability: where attributions come from. `linear`: exact SHAP of the
           * coefficients in the baseline folder's model.json (SHAP baseline rows:
           * shap_baseline.csv); `captured`: per-feature attributions returned in the output at
           * `attributionsAttribute`; `http`: Kernel SHAP over a model endpoint (bounded by
           * numSamples coalitions and maxRows rows per window).
           */
          explainer?: {
            kind: 'linear' | 'captured' | 'http';
            modelFile?: string;
            attributionsAttribute?: string;
            url?: string;
            contentType?: 'text/csv' | 'application/json';
            probabilityAttribute?: string;
            features?: string[];
            numSamples?: number;
            maxRows?: number;
          };
          /** ModelExplainability: NDCG below this is a violation. Default 0.9. */
          ndcgThreshold?: number;
        }>;
      }>;
    };
    /**
     * The SageMaker source: entities whose mlmon.dev/endpoint annotation is a SageMaker endpoint
     * ARN. Credentials per account come from the `aws` section (@backstage/integration-aws-node:
     * `aws.mainAccount`, `aws.accounts[]` with role ARNs); the account and region of each call
     * are those of the endpoint ARN.
     */
    sagemaker?: {
      /** Region of calls that no ARN names (Athena, QuickSight). Default us-east-1. */
      region?: string;
      /** Attempts per AWS call, with the SDK's adaptive backoff on throttling. Default 4. */
      maxAttempts?: number;
      /** Socket timeout of one attempt in milliseconds (a call with retries gets maxAttempts times it). Default 10000. */
      requestTimeoutMs?: number;
      /**
       * s3:// prefixes that SageMaker monitoring reports may be read from, e.g.
       * `s3://my-bucket/model-monitor/reports`. A report outside them is refused.
       */
      reportPrefixes?: string[];
      /**
       * CloudWatch alarms shown for a model are those named `{alarmNamePrefix}{endpointName}...`.
       * Default: alarms whose names start with the endpoint name.
       */
      alarmNamePrefix?: string;
      /** Service endpoint URLs replacing the regional defaults (VPC endpoints, S3-compatible stores). */
      endpoints?: {
        sagemaker?: string;
        s3?: string;
        cloudwatch?: string;
        athena?: string;
        quicksight?: string;
      };
      /** Violation history over long ranges through Athena (tables: docs/athena-tables.md). */
      athena?: {
        /** Athena workgroup. Default: the account's primary workgroup. */
        workGroup?: string;
        /** Glue database of the tables (a plain identifier). */
        database: string;
        /** Data catalog. Default AwsDataCatalog. */
        catalog?: string;
        /** s3:// location of query results, when the workgroup does not enforce one. */
        outputLocation?: string;
        /** Table over constraint_violations.json. Default sagemaker_constraint_violations. */
        violationsTable?: string;
        /** How long a query may run before it is stopped, in milliseconds. Default 60000. */
        timeoutMs?: number;
      };
      /** Embedding QuickSight dashboards (mlmon.dev/quicksight-dashboard) for registered users. */
      quickSight?: {
        /** The AWS account id of the QuickSight subscription. */
        accountId: string;
        /** QuickSight namespace of the users. Default `default`. */
        namespace?: string;
        /** QuickSight identity region. Default `modelMonitoring.sagemaker.region`. */
        region?: string;
        /** Backstage users and the QuickSight user each one embeds as. */
        users?: Array<{ userEntityRef: string; quickSightUserName: string }>;
        /** QuickSight user for Backstage users not listed; without it they get 403. */
        defaultUserName?: string;
        /**
         * Domains that may frame the dashboard, besides the origin of app.baseUrl (which is
         * always allowed). QuickSight accepts at most three in all.
         */
        allowedDomains?: string[];
        /** Session lifetime in minutes (15..600). Default 60. */
        sessionLifetimeMinutes?: number;
      };
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
      /**
       * How long the set of monitored entities a caller may read is kept per caller (identity
       * and token), in seconds, so a page view does not list the whole catalog. A permission
       * change shows after at most this long. 0 asks the catalog on every page view. Default 30.
       */
      visibleEntitiesCacheSeconds?: number;
    };
  };
}
