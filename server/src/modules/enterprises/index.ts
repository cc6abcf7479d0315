/** Enterprises of a jurisdiction (辖区企业): resumption applications, daily employee health, screening, the enterprises' own filers. */
import { ENTERPRISE_AUDIT_ACTIONS, ENTERPRISE_PERMISSIONS, resumptionForm } from '@gridgov/contracts';
import { defineModule, namesOf } from '../../platform/kit/module.js';
import { shipForms } from '../../platform/forms/ship-forms.js';
import { enterpriseRoutes } from './routes.js';
import { myEnterpriseRoutes } from './my-routes.js';
import { enterprisesMetrics } from './metrics.js';
import { APPLICATION_VISIBILITY } from './workflow.js';
import { currentFilers } from './filer-access.js';
import { describeApplications } from './notice-subjects.js';

export const enterprisesModule = defineModule({
  name: 'enterprises',
  permissions: namesOf(ENTERPRISE_PERMISSIONS),
  auditActions: namesOf(ENTERPRISE_AUDIT_ACTIONS),
  errors: [
    'ENTERPRISE_APPLICATION_STATE', 'ENTERPRISE_APPLICATION_VERSION_CONFLICT', 'ENTERPRISE_APPLICATION_OPEN', 'ENTERPRISE_NOT_FOUND', 'ENTERPRISE_STAFF_INVALID',
    'ENTERPRISE_NOT_RESUMED', 'ENTERPRISE_HEALTH_DAY_INVALID', 'ENTERPRISE_SCREENING_VERSION_CONFLICT',
    'ENTERPRISE_FILER_UNKNOWN_ACCOUNT', 'ENTERPRISE_FILER_NOT_RESIDENT', 'ENTERPRISE_FILER_ALREADY_LINKED',
  ],
  liveEvents: ['enterprise_application.changed'],
  records: { enterprise_application: APPLICATION_VISIBILITY },
  // The decisions reach the enterprise's filers (its current links) on the portal.
  audiences: { enterprise_filers: (db, audience) => currentFilers(db, String(audience.organizationId)) },
  subjects: { enterprise_application: describeApplications },
  init: (kit) => shipForms(kit.db, kit.clock, [resumptionForm()]),
  routes: (app, kit) => {
    enterpriseRoutes(app, kit);
    myEnterpriseRoutes(app, kit);
  },
  ...enterprisesMetrics,
});
