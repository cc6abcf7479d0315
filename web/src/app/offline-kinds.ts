/**
 * Every kind of offline submission, imported at start so the queue can send what an earlier visit
 * left before the feature's page is opened. A feature adds its kind here (one line).
 */
import '../features/tickets/intake/offline-report';
import '../features/keypersons/offline-visit';
import '../features/campaigns/offline-answer';
import '../features/quarantine/offline-followup';
