import type { Crm } from './crm/index.ts';

export interface NotificationTaskRecord {
  id: string;
  openedAt: number;
  openedBy: string;
  discoveredAt: number;
  dueAt: number;
  legalBasis: string;
  open: boolean;
}

export interface NotificationDesk {
  notificationTasks(): NotificationTaskRecord[];
  openNotificationTask(task: {
    discoveredAt: number;
    dueAt: number;
    legalBasis: string;
    summary: string;
    openedAt: number;
    openedBy: string;
  }): NotificationTaskRecord;
}

const TYPE = 'Breach Notification';

/** Breach-notification tasks live in the CRM as Cases, where the organisation tracks them. */
export function createNotificationDesk(crm: Crm): NotificationDesk {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    notificationTasks() {
      return crm.state.records
        .list('Case')
        .filter((record) => record.Type === TYPE)
        .map((record) => ({
          id: String(record.Id),
          openedAt: Date.parse(String(record.CreatedDate)),
          openedBy: String(record.Origin ?? ''),
          discoveredAt: Date.parse(String(record.Discovery_Date__c)),
          dueAt: Date.parse(String(record.Due_Date__c)),
          legalBasis: String(record.Legal_Basis__c ?? ''),
          open: record.Status !== 'Closed',
        }))
        .sort((a, b) => a.openedAt - b.openedAt);
    },
    openNotificationTask(task) {
      const record = crm.state.insert('Case', {
        Subject: task.summary.slice(0, 255),
        Type: TYPE,
        Status: 'New',
        Priority: 'High',
        Origin: task.openedBy,
        Description: task.summary,
        Discovery_Date__c: iso(task.discoveredAt),
        Due_Date__c: iso(task.dueAt),
        Legal_Basis__c: task.legalBasis,
      });
      return {
        id: String(record.Id),
        openedAt: task.openedAt,
        openedBy: task.openedBy,
        discoveredAt: task.discoveredAt,
        dueAt: task.dueAt,
        legalBasis: task.legalBasis,
        open: true,
      };
    },
  };
}
