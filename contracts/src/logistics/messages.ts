import { defineMessages } from '../message-kit.js';

/** Shipment steps told to the receiver (and the dispatcher on receipt). */
export const LOGISTICS_MESSAGES = defineMessages({
  'shipment.departed': { zh: '运输单 S{shipmentNo}（{from} → {to}）已发车，车辆 {plateNo}', en: 'Shipment S{shipmentNo} ({from} → {to}) has left, vehicle {plateNo}' },
  'shipment.arrived': { zh: '运输单 S{shipmentNo}（{from} → {to}）已到达，请签收', en: 'Shipment S{shipmentNo} ({from} → {to}) has arrived: please receive it' },
  'shipment.received': { zh: '运输单 S{shipmentNo}（{to}）已签收{discrepancy}', en: 'Shipment S{shipmentNo} ({to}) was received{discrepancy}' },
});
