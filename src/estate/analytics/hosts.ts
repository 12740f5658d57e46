/** The outside analytics vendor's ingestion host (a reserved name: nothing real answers there). */
export const ANALYTICS_HOST = 'ingest.analytics-vendor.example';

/** The integration engine host the export job runs on. */
export const EXPORT_HOST_IP = '10.99.0.241';
