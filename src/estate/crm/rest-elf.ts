import { hasPermission } from './auth.ts';
import { insufficientAccess, notFound } from './errors.ts';
import type { ApiRoute } from './rest-route.ts';

/** `GET sobjects/EventLogFile/{Id}/LogFile`: the CSV a SIEM connector downloads. */
export const logFileRoute: ApiRoute = (call) => {
  const { state, meta, session } = call;
  meta.entity = 'EventLogFile';
  meta.resourceId = call.params.id;
  if (!hasPermission(session.user, 'ViewEventLogFiles')) {
    throw insufficientAccess('Viewing event log files requires the View Event Log Files permission');
  }
  const csv = state.log.csv(call.params.id!);
  if (csv === undefined) throw notFound();
  meta.rows = csv.trimEnd().split('\n').length - 1;
  return { status: 200, text: csv, contentType: 'text/csv' };
};
