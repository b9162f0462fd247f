export interface Config {
  modelMonitoring?: {
    /** The demo of the embedded default (packages/backend/src/modules/demo). */
    demo?: {
      /** Seeds the demo models' data at first start and adds live traffic. Default false. */
      enabled?: boolean;
      /** Folder of the demo data sets, relative to the backend's working directory. Default ../../demo/data. */
      datasetsDir?: string;
      /** Days of hourly history written at first start. Default 4. */
      historyDays?: number;
      /** How often new traffic is appended, in seconds. Default 60. */
      trafficIntervalSeconds?: number;
    };
  };
}
