import { DEFAULT_MONITORING, type Monitoring } from '../telemetry/delivery/monitoring.ts';

const DAY = 86_400_000;

/** One column of the coverage matrix: a way the organisation could collect its telemetry. */
export interface MonitoringConfig {
  id: string;
  /** Short column heading (fits an 11-character terminal column). */
  heading: string;
  title: string;
  monitoring: Monitoring;
}

/** The columns `phi-drill matrix` offers, in the order drawn. Adding one: a line here. */
export const MONITORING_CONFIGS: readonly MonitoringConfig[] = [
  {
    id: 'reference',
    heading: 'reference',
    title: 'Real-Time Event Monitoring, EHR audit streamed, logs forwarded (1 s flush)',
    monitoring: DEFAULT_MONITORING,
  },
  {
    id: 'elf-hourly',
    heading: 'elf-hourly',
    title: 'CRM hourly EventLogFiles (Event Monitoring add-on, no real-time streams)',
    monitoring: { ...DEFAULT_MONITORING, crm: 'elf-hourly' },
  },
  {
    id: 'elf-daily',
    heading: 'elf-daily',
    title: 'CRM daily EventLogFiles only, kept 1 day (no add-on)',
    monitoring: { ...DEFAULT_MONITORING, crm: 'elf-daily', crmLogRetentionMs: DAY },
  },
  {
    id: 'ehr-nightly',
    heading: 'ehr-nightly',
    title: 'EHR AuditEvents by nightly export instead of streamed',
    monitoring: { ...DEFAULT_MONITORING, ehrAudit: 'nightly' },
  },
  {
    id: 'logs-daily',
    heading: 'logs-daily',
    title: 'Portal, integration, sync, mail and broker logs collected once a day',
    monitoring: { ...DEFAULT_MONITORING, logs: 'daily-batch' },
  },
];
