export { cacheReadable, type DeviceActionResult, type ManagedDevice } from './devices.ts';
export { CRM_MOBILE_APP, createMdm, MDM_HOST_IP, type Mdm } from './mdm.ts';
