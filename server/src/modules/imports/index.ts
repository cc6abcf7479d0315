/** Imports of registers from xlsx/csv: upload, mapping, dry run, a background job, an error report. */
import { TRANSFER_AUDIT_ACTIONS } from '@gridgov/contracts';
import { defineModule, namesOf } from '../../platform/kit/module.js';
import { importJobDefinition } from './run-import.js';
import { importRoutes } from './routes.js';
import { expireImportsJob } from './expire-imports.js';
import { importGauges } from './gauges.js';
import { errorReportRetention } from './retention.js';

export const importsModule = defineModule({
  name: 'imports',
  permissions: [],
  auditActions: namesOf(TRANSFER_AUDIT_ACTIONS, 'import.'),
  errors: [
    'IMPORT_FILE_TYPE', 'IMPORT_FILE_TOO_LARGE', 'IMPORT_TOO_MANY_ROWS', 'IMPORT_ZIP_BOMB', 'IMPORT_FILE_CORRUPT', 'IMPORT_MAPPING_INVALID', 'IMPORT_STATE',
    'IMPORT_CELL_REQUIRED', 'IMPORT_CELL_TOO_LONG', 'IMPORT_CELL_INVALID', 'IMPORT_FORMULA_NOT_ALLOWED', 'IMPORT_DUPLICATE_ROW', 'IMPORT_GRID_OUT_OF_SCOPE',
    'IMPORT_GRID_NAME_UNMATCHED', 'IMPORT_ADDRESS_UNMATCHED', 'IMPORT_GRID_RULE_INVALID', 'IMPORT_CELL_AS_NUMBER',
  ],
  jobs: (kit) => [importJobDefinition(kit), expireImportsJob(kit)],
  retention: [errorReportRetention],
  routes: importRoutes,
  gauges: [importGauges],
});
