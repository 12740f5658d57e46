export {
  type BusinessAssociate,
  coveredBy,
  DEFAULT_BUSINESS_ASSOCIATES,
  ENGAGEMENT_VENDOR_HOST,
} from './business-associates.ts';
export {
  createEgressGateway,
  DEFAULT_NAMED_CREDENTIALS,
  EGRESS_GATEWAY_IP,
  type EgressGateway,
  METRICS_HOST,
  type NamedCredential,
  VENDOR_PATH,
  type VendorReceipt,
} from './gateway.ts';
