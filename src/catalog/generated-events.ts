// Generated from openapi/numbers.v1.yaml by `npm run regen`. Do not edit by hand.

/** Event types of ACTIVE_NUMBER callbacks. */
export const ACTIVE_NUMBER_EVENT_TYPES = [
  "PROVISIONING_TO_SMS_PLATFORM",
  "DEPROVISIONING_FROM_SMS_PLATFORM",
  "PROVISIONING_TO_CAMPAIGN",
  "DEPROVISIONING_FROM_CAMPAIGN",
  "PROVISIONING_TO_VOICE_PLATFORM",
  "DEPROVISIONING_FROM_VOICE_PLATFORM",
] as const;
export type ActiveNumberEventType = (typeof ACTIVE_NUMBER_EVENT_TYPES)[number];

/** Event types of NUMBER_ORDER callbacks. */
export const NUMBER_ORDER_EVENT_TYPES = [
  "NUMBER_ORDER_PROCESSING",
] as const;
export type NumberOrderEventType = (typeof NUMBER_ORDER_EVENT_TYPES)[number];

/** Statuses of ACTIVE_NUMBER callbacks. */
export const ACTIVE_NUMBER_EVENT_STATUSES = [
  "SUCCEEDED",
  "FAILED",
] as const;
export type ActiveNumberEventStatus = (typeof ACTIVE_NUMBER_EVENT_STATUSES)[number];

/** States a NUMBER_ORDER_PROCESSING callback reports. */
export const NUMBER_ORDER_EVENT_STATUSES = [
  "IN_REVIEW",
  "BLOCKED",
  "COMPLETED",
  "REJECTED",
  "EXPIRED",
] as const;
export type NumberOrderEventStatus = (typeof NUMBER_ORDER_EVENT_STATUSES)[number];

/** The `failureCode` of a FAILED callback. */
export const NUMBERS_EVENT_FAILURE_CODES = [
  "CAMPAIGN_NOT_AVAILABLE",
  "EXCEEDED_10DLC_LIMIT",
  "NUMBER_PROVISIONING_FAILED",
  "PARTNER_SERVICE_UNAVAILABLE",
  "CAMPAIGN_PENDING_ACCEPTANCE",
  "MNO_SHARING_ERROR",
  "CAMPAIGN_PROVISIONING_FAILED",
  "CAMPAIGN_EXPIRED",
  "CAMPAIGN_MNO_REJECTED",
  "CAMPAIGN_MNO_SUSPENDED",
  "CAMPAIGN_MNO_REVIEW",
  "INSUFFICIENT_BALANCE",
  "MOCK_CAMPAIGN_NOT_ALLOWED",
  "TFN_NOT_ALLOWED",
  "INVALID_NNID",
] as const;
export type NumbersEventFailureCode = (typeof NUMBERS_EVENT_FAILURE_CODES)[number];

/** The `scheduledProvisioning.errorCodes` of an ActiveNumber. */
export const SMS_ERROR_CODES = [
  "ERROR_CODE_UNSPECIFIED",
  "INTERNAL_ERROR",
  "SMS_PROVISIONING_FAILED",
  "CAMPAIGN_PROVISIONING_FAILED",
  "CAMPAIGN_NOT_AVAILABLE",
  "EXCEEDED_10DLC_LIMIT",
  "NUMBER_PROVISIONING_FAILED",
  "PARTNER_SERVICE_UNAVAILABLE",
  "CAMPAIGN_PENDING_ACCEPTANCE",
  "MNO_SHARING_ERROR",
  "CAMPAIGN_EXPIRED",
  "CAMPAIGN_MNO_REJECTED",
  "CAMPAIGN_MNO_SUSPENDED",
  "CAMPAIGN_MNO_REVIEW",
  "INSUFFICIENT_BALANCE",
  "MOCK_CAMPAIGN_NOT_ALLOWED",
  "TFN_NOT_ALLOWED",
  "INVALID_NNID",
] as const;
export type SmsErrorCode = (typeof SMS_ERROR_CODES)[number];

/** The `status` of scheduled (voice) provisioning. */
export const PROVISIONING_STATUSES = [
  "PROVISIONING_STATUS_UNSPECIFIED",
  "WAITING",
  "IN_PROGRESS",
  "FAILED",
] as const;
export type ProvisioningStatus = (typeof PROVISIONING_STATUSES)[number];

/** The application type of a voice configuration and of its scheduled voice provisioning job. */
export const VOICE_APPLICATION_TYPES = [
  "RTC",
  "EST",
  "FAX",
] as const;
export type VoiceApplicationType = (typeof VOICE_APPLICATION_TYPES)[number];

export const NUMBERS_EVENT_TYPES = [...ACTIVE_NUMBER_EVENT_TYPES, ...NUMBER_ORDER_EVENT_TYPES] as const;
export type NumbersEventType = (typeof NUMBERS_EVENT_TYPES)[number];
export const NUMBERS_EVENT_STATUSES = [...ACTIVE_NUMBER_EVENT_STATUSES, ...NUMBER_ORDER_EVENT_STATUSES] as const;
export type NumbersEventStatus = (typeof NUMBERS_EVENT_STATUSES)[number];

export interface DocumentedEvent {
  readonly caseId: string;
  readonly eventType: NumbersEventType;
  readonly status: NumbersEventStatus;
  readonly failureCode?: NumbersEventFailureCode;
}

/** Every documented callback event variant, in spec order. */
export const DOCUMENTED_EVENTS: readonly DocumentedEvent[] = [
  { caseId: "NumberService_EventsCallback/sms_provisioning_succeeded", eventType: "PROVISIONING_TO_SMS_PLATFORM", status: "SUCCEEDED" },
  { caseId: "NumberService_EventsCallback/sms_provisioning_failed", eventType: "PROVISIONING_TO_SMS_PLATFORM", status: "FAILED" },
  { caseId: "NumberService_EventsCallback/sms_deprovisioning_succeeded", eventType: "DEPROVISIONING_FROM_SMS_PLATFORM", status: "SUCCEEDED" },
  { caseId: "NumberService_EventsCallback/sms_deprovisioning_failed", eventType: "DEPROVISIONING_FROM_SMS_PLATFORM", status: "FAILED" },
  { caseId: "NumberService_EventsCallback/campaign_provisioning_succeeded", eventType: "PROVISIONING_TO_CAMPAIGN", status: "SUCCEEDED" },
  { caseId: "NumberService_EventsCallback/campaign_provisioning_failed_campaign_not_available", eventType: "PROVISIONING_TO_CAMPAIGN", status: "FAILED", failureCode: "CAMPAIGN_NOT_AVAILABLE" },
  { caseId: "NumberService_EventsCallback/campaign_provisioning_failed_exceeded_10dlc_limit", eventType: "PROVISIONING_TO_CAMPAIGN", status: "FAILED", failureCode: "EXCEEDED_10DLC_LIMIT" },
  { caseId: "NumberService_EventsCallback/campaign_provisioning_failed_number_provisioning_failed", eventType: "PROVISIONING_TO_CAMPAIGN", status: "FAILED", failureCode: "NUMBER_PROVISIONING_FAILED" },
  { caseId: "NumberService_EventsCallback/campaign_provisioning_failed_partner_service_unavailable", eventType: "PROVISIONING_TO_CAMPAIGN", status: "FAILED", failureCode: "PARTNER_SERVICE_UNAVAILABLE" },
  { caseId: "NumberService_EventsCallback/campaign_provisioning_failed_campaign_pending_acceptance", eventType: "PROVISIONING_TO_CAMPAIGN", status: "FAILED", failureCode: "CAMPAIGN_PENDING_ACCEPTANCE" },
  { caseId: "NumberService_EventsCallback/campaign_provisioning_failed_mno_sharing_error", eventType: "PROVISIONING_TO_CAMPAIGN", status: "FAILED", failureCode: "MNO_SHARING_ERROR" },
  { caseId: "NumberService_EventsCallback/campaign_provisioning_failed_campaign_provisioning_failed", eventType: "PROVISIONING_TO_CAMPAIGN", status: "FAILED", failureCode: "CAMPAIGN_PROVISIONING_FAILED" },
  { caseId: "NumberService_EventsCallback/campaign_provisioning_failed_campaign_expired", eventType: "PROVISIONING_TO_CAMPAIGN", status: "FAILED", failureCode: "CAMPAIGN_EXPIRED" },
  { caseId: "NumberService_EventsCallback/campaign_provisioning_failed_campaign_mno_rejected", eventType: "PROVISIONING_TO_CAMPAIGN", status: "FAILED", failureCode: "CAMPAIGN_MNO_REJECTED" },
  { caseId: "NumberService_EventsCallback/campaign_provisioning_failed_campaign_mno_suspended", eventType: "PROVISIONING_TO_CAMPAIGN", status: "FAILED", failureCode: "CAMPAIGN_MNO_SUSPENDED" },
  { caseId: "NumberService_EventsCallback/campaign_provisioning_failed_campaign_mno_review", eventType: "PROVISIONING_TO_CAMPAIGN", status: "FAILED", failureCode: "CAMPAIGN_MNO_REVIEW" },
  { caseId: "NumberService_EventsCallback/campaign_provisioning_failed_insufficient_balance", eventType: "PROVISIONING_TO_CAMPAIGN", status: "FAILED", failureCode: "INSUFFICIENT_BALANCE" },
  { caseId: "NumberService_EventsCallback/campaign_provisioning_failed_mock_campaign_not_allowed", eventType: "PROVISIONING_TO_CAMPAIGN", status: "FAILED", failureCode: "MOCK_CAMPAIGN_NOT_ALLOWED" },
  { caseId: "NumberService_EventsCallback/campaign_provisioning_failed_tfn_not_allowed", eventType: "PROVISIONING_TO_CAMPAIGN", status: "FAILED", failureCode: "TFN_NOT_ALLOWED" },
  { caseId: "NumberService_EventsCallback/campaign_provisioning_failed_invalid_nnid", eventType: "PROVISIONING_TO_CAMPAIGN", status: "FAILED", failureCode: "INVALID_NNID" },
  { caseId: "NumberService_EventsCallback/campaign_deprovisioning_succeeded", eventType: "DEPROVISIONING_FROM_CAMPAIGN", status: "SUCCEEDED" },
  { caseId: "NumberService_EventsCallback/campaign_deprovisioning_failed", eventType: "DEPROVISIONING_FROM_CAMPAIGN", status: "FAILED" },
  { caseId: "NumberService_EventsCallback/voice_provisioning_succeeded", eventType: "PROVISIONING_TO_VOICE_PLATFORM", status: "SUCCEEDED" },
  { caseId: "NumberService_EventsCallback/voice_provisioning_failed", eventType: "PROVISIONING_TO_VOICE_PLATFORM", status: "FAILED" },
  { caseId: "NumberService_EventsCallback/voice_deprovisioning_succeeded", eventType: "DEPROVISIONING_FROM_VOICE_PLATFORM", status: "SUCCEEDED" },
  { caseId: "NumberService_EventsCallback/voice_deprovisioning_failed", eventType: "DEPROVISIONING_FROM_VOICE_PLATFORM", status: "FAILED" },
  { caseId: "NumberService_EventsCallback/number_order_in_review", eventType: "NUMBER_ORDER_PROCESSING", status: "IN_REVIEW" },
  { caseId: "NumberService_EventsCallback/number_order_blocked", eventType: "NUMBER_ORDER_PROCESSING", status: "BLOCKED" },
  { caseId: "NumberService_EventsCallback/number_order_completed", eventType: "NUMBER_ORDER_PROCESSING", status: "COMPLETED" },
  { caseId: "NumberService_EventsCallback/number_order_rejected", eventType: "NUMBER_ORDER_PROCESSING", status: "REJECTED" },
  { caseId: "NumberService_EventsCallback/number_order_expired", eventType: "NUMBER_ORDER_PROCESSING", status: "EXPIRED" },
];
