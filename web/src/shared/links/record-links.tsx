/**
 * Links to a record of the base registers (a resident's name in a household, a household from a
 * resident): its register page with the record open. Other modules' records name people and
 * places the same way.
 */
import { Typography } from 'antd';
import type { ReactNode } from 'react';
import type { RegisterKind } from '@gridgov/contracts';
import { navigate } from '../../app/router';
import { pathWithQuery } from '../../app/routes';

const REGISTER_PAGES: Record<RegisterKind, string> = {
  resident: '/registers/residents',
  household: '/registers/households',
  building: '/registers/buildings',
  dwelling: '/registers/dwellings',
  venue: '/registers/venues',
  facility: '/registers/facilities',
  organization: '/registers/organizations',
};

/** `#/registers/residents?id=<id>`: the register's page with the record open. */
export function recordPath(kind: RegisterKind, id: string): string {
  return pathWithQuery(REGISTER_PAGES[kind], { id });
}

/** A register's page listing what links to a record (`?building=<id>` for a building's dwellings). */
export function registerListPath(kind: RegisterKind, filters: Record<string, string | undefined>): string {
  return pathWithQuery(REGISTER_PAGES[kind], filters);
}

export function RecordLink({ kind, id, children, testId }: { kind: RegisterKind; id: string; children: ReactNode; testId?: string }) {
  return (
    <Typography.Link onClick={() => navigate(recordPath(kind, id))} data-testid={testId}>
      {children}
    </Typography.Link>
  );
}

/** A resident's name opening their record (each opening is an audited read). */
export function ResidentLink({ id, name, testId }: { id: string; name: string; testId?: string }) {
  return (
    <RecordLink kind="resident" id={id} testId={testId}>
      {name}
    </RecordLink>
  );
}
