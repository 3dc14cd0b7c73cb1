/* okc-enums.h — the domain's enumerations; their nicks are the names on the wire
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum /*< prefix=OKC_TICKET_STATUS >*/
{
  OKC_TICKET_STATUS_NEW,                                    /*< nick=new >*/
  OKC_TICKET_STATUS_OPEN,                                   /*< nick=open >*/
  OKC_TICKET_STATUS_WAITING_CUSTOMER,                       /*< nick=waiting_customer >*/
  OKC_TICKET_STATUS_WAITING_APPROVAL,                       /*< nick=waiting_approval >*/
  OKC_TICKET_STATUS_RESOLVED,                               /*< nick=resolved >*/
} OkcTicketStatus;

/* Ordered by urgency: a larger value outranks a smaller one. */
typedef enum /*< prefix=OKC_PRIORITY >*/
{
  OKC_PRIORITY_LOW,                                         /*< nick=low >*/
  OKC_PRIORITY_NORMAL,                                      /*< nick=normal >*/
  OKC_PRIORITY_HIGH,                                        /*< nick=high >*/
  OKC_PRIORITY_URGENT,                                      /*< nick=urgent >*/
} OkcPriority;

/* The role of a signed-in user. Chatbot is the service account that hands tickets off. */
typedef enum /*< prefix=OKC_ROLE >*/
{
  OKC_ROLE_AGENT,                                           /*< nick=agent >*/
  OKC_ROLE_SUPERVISOR,                                      /*< nick=supervisor >*/
  OKC_ROLE_CHATBOT,                                         /*< nick=chatbot >*/
} OkcRole;

/* Who a customer is to OK2Charge: the guest who charges, or the host who owns the site. */
typedef enum /*< prefix=OKC_AUDIENCE >*/
{
  OKC_AUDIENCE_GUEST,                                       /*< nick=guest >*/
  OKC_AUDIENCE_HOST,                                        /*< nick=host >*/
} OkcAudience;

typedef enum /*< prefix=OKC_SENDER >*/
{
  OKC_SENDER_CUSTOMER,                                      /*< nick=customer >*/
  OKC_SENDER_CHATBOT,                                       /*< nick=chatbot >*/
  OKC_SENDER_AGENT,                                         /*< nick=agent >*/
} OkcSender;

/* What a ticket's timeline entry records (GET /v1/tickets/{id}/timeline). */
typedef enum /*< prefix=OKC_TIMELINE_KIND >*/
{
  OKC_TIMELINE_KIND_CREATED,                                /*< nick=created >*/
  OKC_TIMELINE_KIND_STATUS_CHANGED,                         /*< nick=status_changed >*/
  OKC_TIMELINE_KIND_PRIORITY_CHANGED,                       /*< nick=priority_changed >*/
  OKC_TIMELINE_KIND_ASSIGNED,                               /*< nick=assigned >*/
  OKC_TIMELINE_KIND_NOTE,                                   /*< nick=note >*/
  OKC_TIMELINE_KIND_REPLY,                                  /*< nick=reply >*/
} OkcTimelineKind;
/* What a charger reports to the network (the `status` of GET /v1/chargers/{id}). */
typedef enum /*< prefix=OKC_CHARGER_STATUS >*/
{
  OKC_CHARGER_STATUS_ONLINE,                                /*< nick=online >*/
  OKC_CHARGER_STATUS_OFFLINE,                               /*< nick=offline >*/
  OKC_CHARGER_STATUS_FAULTED,                               /*< nick=faulted >*/
} OkcChargerStatus;

/* OCPP 1.6 ChargePointStatus of one connector, spelt as OCPP spells it. */
typedef enum /*< prefix=OKC_CONNECTOR_STATUS >*/
{
  OKC_CONNECTOR_STATUS_AVAILABLE,                           /*< nick=Available >*/
  OKC_CONNECTOR_STATUS_PREPARING,                           /*< nick=Preparing >*/
  OKC_CONNECTOR_STATUS_CHARGING,                            /*< nick=Charging >*/
  OKC_CONNECTOR_STATUS_SUSPENDED_EV,                        /*< nick=SuspendedEV >*/
  OKC_CONNECTOR_STATUS_SUSPENDED_EVSE,                      /*< nick=SuspendedEVSE >*/
  OKC_CONNECTOR_STATUS_FINISHING,                           /*< nick=Finishing >*/
  OKC_CONNECTOR_STATUS_RESERVED,                            /*< nick=Reserved >*/
  OKC_CONNECTOR_STATUS_UNAVAILABLE,                         /*< nick=Unavailable >*/
  OKC_CONNECTOR_STATUS_FAULTED,                             /*< nick=Faulted >*/
} OkcConnectorStatus;

/* OCPP 1.6 ChargePointErrorCode. */
typedef enum /*< prefix=OKC_CHARGE_POINT_ERROR >*/
{
  OKC_CHARGE_POINT_ERROR_NO_ERROR,                          /*< nick=NoError >*/
  OKC_CHARGE_POINT_ERROR_CONNECTOR_LOCK_FAILURE,            /*< nick=ConnectorLockFailure >*/
  OKC_CHARGE_POINT_ERROR_EV_COMMUNICATION_ERROR,            /*< nick=EVCommunicationError >*/
  OKC_CHARGE_POINT_ERROR_GROUND_FAILURE,                    /*< nick=GroundFailure >*/
  OKC_CHARGE_POINT_ERROR_HIGH_TEMPERATURE,                  /*< nick=HighTemperature >*/
  OKC_CHARGE_POINT_ERROR_INTERNAL_ERROR,                    /*< nick=InternalError >*/
  OKC_CHARGE_POINT_ERROR_LOCAL_LIST_CONFLICT,               /*< nick=LocalListConflict >*/
  OKC_CHARGE_POINT_ERROR_OTHER_ERROR,                       /*< nick=OtherError >*/
  OKC_CHARGE_POINT_ERROR_OVER_CURRENT_FAILURE,              /*< nick=OverCurrentFailure >*/
  OKC_CHARGE_POINT_ERROR_OVER_VOLTAGE,                      /*< nick=OverVoltage >*/
  OKC_CHARGE_POINT_ERROR_POWER_METER_FAILURE,               /*< nick=PowerMeterFailure >*/
  OKC_CHARGE_POINT_ERROR_POWER_SWITCH_FAILURE,              /*< nick=PowerSwitchFailure >*/
  OKC_CHARGE_POINT_ERROR_READER_FAILURE,                    /*< nick=ReaderFailure >*/
  OKC_CHARGE_POINT_ERROR_RESET_FAILURE,                     /*< nick=ResetFailure >*/
  OKC_CHARGE_POINT_ERROR_UNDER_VOLTAGE,                     /*< nick=UnderVoltage >*/
  OKC_CHARGE_POINT_ERROR_WEAK_SIGNAL,                       /*< nick=WeakSignal >*/
} OkcChargePointError;

typedef enum /*< prefix=OKC_NETWORK_KIND >*/
{
  OKC_NETWORK_KIND_WIFI,                                    /*< nick=wifi >*/
  OKC_NETWORK_KIND_ETHERNET,                                /*< nick=ethernet >*/
  OKC_NETWORK_KIND_CELLULAR,                                /*< nick=cellular >*/
} OkcNetworkKind;

typedef enum /*< prefix=OKC_LED_STATE >*/
{
  OKC_LED_STATE_OFF,                                        /*< nick=off >*/
  OKC_LED_STATE_GREEN,                                      /*< nick=green >*/
  OKC_LED_STATE_GREEN_PULSING,                              /*< nick=green_pulsing >*/
  OKC_LED_STATE_BLUE,                                       /*< nick=blue >*/
  OKC_LED_STATE_AMBER,                                      /*< nick=amber >*/
  OKC_LED_STATE_RED,                                        /*< nick=red >*/
  OKC_LED_STATE_RED_BLINKING,                               /*< nick=red_blinking >*/
} OkcLedState;

typedef enum /*< prefix=OKC_COMMAND_KIND >*/
{
  OKC_COMMAND_KIND_TRIGGER_HEARTBEAT,                       /*< nick=trigger_heartbeat >*/
  OKC_COMMAND_KIND_TRIGGER_STATUS,                          /*< nick=trigger_status >*/
  OKC_COMMAND_KIND_SOFT_RESET,                              /*< nick=soft_reset >*/
  OKC_COMMAND_KIND_HARD_RESET,                              /*< nick=hard_reset >*/
  OKC_COMMAND_KIND_UNLOCK_CONNECTOR,                        /*< nick=unlock_connector >*/
  OKC_COMMAND_KIND_CHANGE_AVAILABILITY,                     /*< nick=change_availability >*/
  OKC_COMMAND_KIND_REMOTE_START,                            /*< nick=remote_start >*/
  OKC_COMMAND_KIND_REMOTE_STOP,                             /*< nick=remote_stop >*/
} OkcCommandKind;

typedef enum /*< prefix=OKC_COMMAND_STATE >*/
{
  OKC_COMMAND_STATE_SENT,                                   /*< nick=sent >*/
  OKC_COMMAND_STATE_ACCEPTED,                               /*< nick=accepted >*/
  OKC_COMMAND_STATE_REJECTED,                               /*< nick=rejected >*/
  OKC_COMMAND_STATE_TIMED_OUT,                              /*< nick=timed_out >*/
  OKC_COMMAND_STATE_COMPLETED,                              /*< nick=completed >*/
  OKC_COMMAND_STATE_FAILED,                                 /*< nick=failed >*/
} OkcCommandState;

typedef enum /*< prefix=OKC_AVAILABILITY >*/
{
  OKC_AVAILABILITY_OPERATIVE,                               /*< nick=operative >*/
  OKC_AVAILABILITY_INOPERATIVE,                             /*< nick=inoperative >*/
} OkcAvailability;

typedef enum /*< prefix=OKC_ATTENTION_KIND >*/
{
  OKC_ATTENTION_KIND_OFFLINE,                               /*< nick=offline >*/
  OKC_ATTENTION_KIND_CONNECTOR_FAULTED,                     /*< nick=connector_faulted >*/
  OKC_ATTENTION_KIND_STUCK_SESSION,                         /*< nick=stuck_session >*/
} OkcAttentionKind;

/* Who may charge (docs/actions.md): anyone; the accounts on the charger's access list
 * and guests whose booking at its property covers now; or only the access list. */
typedef enum /*< prefix=OKC_CHARGER_POLICY >*/
{
  OKC_CHARGER_POLICY_PUBLIC,                                /*< nick=public >*/
  OKC_CHARGER_POLICY_RESIDENTS_GUESTS,                      /*< nick=residents_guests >*/
  OKC_CHARGER_POLICY_ACCESS_LIST,                           /*< nick=access_list >*/
} OkcChargerPolicy;

/* Why an account may or may not use a charger. */
typedef enum /*< prefix=OKC_ACCESS_REASON >*/
{
  OKC_ACCESS_REASON_PUBLIC,                                 /*< nick=public >*/
  OKC_ACCESS_REASON_LISTED,                                 /*< nick=listed >*/
  OKC_ACCESS_REASON_NOT_LISTED,                             /*< nick=not_listed >*/
  OKC_ACCESS_REASON_NO_ACCOUNT,                             /*< nick=no_account >*/
  OKC_ACCESS_REASON_BOOKING,                                /*< nick=booking >*/
  OKC_ACCESS_REASON_NOT_YET_VALID,                          /*< nick=not_yet_valid >*/
  OKC_ACCESS_REASON_EXPIRED,                                /*< nick=expired >*/
} OkcAccessReason;

/* What a playbook step is judged by. */
typedef enum /*< prefix=OKC_EVIDENCE >*/
{
  OKC_EVIDENCE_NONE,                                        /*< nick=none >*/
  OKC_EVIDENCE_CHARGER_STATUS,                              /*< nick=charger_status >*/
  OKC_EVIDENCE_CHARGER_HEARTBEAT,                           /*< nick=charger_heartbeat >*/
  OKC_EVIDENCE_CHARGER_ASSIGNMENT,                          /*< nick=charger_assignment >*/
  OKC_EVIDENCE_ACCOUNT_ACCESS,                              /*< nick=account_access >*/
  OKC_EVIDENCE_COLLECTED_DETAILS,                           /*< nick=collected_details >*/
  OKC_EVIDENCE_SESSION_LOG,                                 /*< nick=session_log >*/
  OKC_EVIDENCE_TARIFF,                                      /*< nick=tariff >*/
  OKC_EVIDENCE_PAYOUTS,                                     /*< nick=payouts >*/
} OkcEvidence;

/* A day of the week as a tariff restriction names it; the values are GDateWeekday's. */
typedef enum /*< prefix=OKC_WEEKDAY >*/
{
  OKC_WEEKDAY_MONDAY = 1,                                   /*< nick=monday >*/
  OKC_WEEKDAY_TUESDAY = 2,                                  /*< nick=tuesday >*/
  OKC_WEEKDAY_WEDNESDAY = 3,                                /*< nick=wednesday >*/
  OKC_WEEKDAY_THURSDAY = 4,                                 /*< nick=thursday >*/
  OKC_WEEKDAY_FRIDAY = 5,                                   /*< nick=friday >*/
  OKC_WEEKDAY_SATURDAY = 6,                                 /*< nick=saturday >*/
  OKC_WEEKDAY_SUNDAY = 7,                                   /*< nick=sunday >*/
} OkcWeekday;

/* What a line of a cost breakdown bills (docs/billing.md). */
typedef enum /*< prefix=OKC_COST_LINE_KIND >*/
{
  OKC_COST_LINE_KIND_CONNECTION_FEE,                        /*< nick=connection_fee >*/
  OKC_COST_LINE_KIND_ENERGY,                                /*< nick=energy >*/
  OKC_COST_LINE_KIND_IDLE_FEE,                              /*< nick=idle_fee >*/
  OKC_COST_LINE_KIND_PROCESSING_FEE,                        /*< nick=processing_fee >*/
  OKC_COST_LINE_KIND_TAX,                                   /*< nick=tax >*/
} OkcCostLineKind;

/* What a cost line's quantity counts, and so what its unit price is per: a session
 * (price per session), Wh (price per kWh), seconds (price per minute), or a base amount
 * in minor units (price in basis points of it). */
typedef enum /*< prefix=OKC_COST_UNIT >*/
{
  OKC_COST_UNIT_SESSION,                                    /*< nick=session >*/
  OKC_COST_UNIT_WH,                                         /*< nick=wh >*/
  OKC_COST_UNIT_SECOND,                                     /*< nick=second >*/
  OKC_COST_UNIT_BASIS_POINT,                                /*< nick=basis_point >*/
} OkcCostUnit;

/* How a charging session ended (docs/sessions.md). */
typedef enum /*< prefix=OKC_SESSION_OUTCOME >*/
{
  OKC_SESSION_OUTCOME_COMPLETED,                            /*< nick=completed >*/
  OKC_SESSION_OUTCOME_INTERRUPTED,                          /*< nick=interrupted >*/
  OKC_SESSION_OUTCOME_FAILED_TO_START,                      /*< nick=failed_to_start >*/
} OkcSessionOutcome;

/* Why a session stopped: OCPP 1.6's StopTransaction.req Reason, by its own names. */
typedef enum /*< prefix=OKC_STOP_REASON >*/
{
  OKC_STOP_REASON_EV_DISCONNECTED,                          /*< nick=EVDisconnected >*/
  OKC_STOP_REASON_LOCAL,                                    /*< nick=Local >*/
  OKC_STOP_REASON_REMOTE,                                   /*< nick=Remote >*/
  OKC_STOP_REASON_POWER_LOSS,                               /*< nick=PowerLoss >*/
  OKC_STOP_REASON_EMERGENCY_STOP,                           /*< nick=EmergencyStop >*/
  OKC_STOP_REASON_HARD_RESET,                               /*< nick=HardReset >*/
  OKC_STOP_REASON_SOFT_RESET,                               /*< nick=SoftReset >*/
  OKC_STOP_REASON_REBOOT,                                   /*< nick=Reboot >*/
  OKC_STOP_REASON_UNLOCK_COMMAND,                           /*< nick=UnlockCommand >*/
  OKC_STOP_REASON_DE_AUTHORIZED,                            /*< nick=DeAuthorized >*/
  OKC_STOP_REASON_ENERGY_LIMIT_REACHED,                     /*< nick=EnergyLimitReached >*/
  OKC_STOP_REASON_OTHER,                                    /*< nick=Other >*/
} OkcStopReason;

/* A mischarge the session audit found (docs/sessions.md). */
typedef enum /*< prefix=OKC_FINDING_KIND >*/
{
  OKC_FINDING_KIND_REPEATED_CONNECTION_FEE,                 /*< nick=repeated_connection_fee >*/
  OKC_FINDING_KIND_DOUBLE_BILLING,                          /*< nick=double_billing >*/
  OKC_FINDING_KIND_IDLE_FEE_WHILE_CHARGING,                 /*< nick=idle_fee_while_charging >*/
  OKC_FINDING_KIND_WRONG_RATE,                              /*< nick=wrong_rate >*/
  OKC_FINDING_KIND_WRONG_TAX,                               /*< nick=wrong_tax >*/
  OKC_FINDING_KIND_BILLING_MISMATCH,                        /*< nick=billing_mismatch >*/
} OkcFindingKind;

/* Why money goes back (docs/sessions.md, Refunds). */
typedef enum /*< prefix=OKC_REFUND_REASON >*/
{
  OKC_REFUND_REASON_DUPLICATE_CHARGE,                       /*< nick=duplicate_charge >*/
  OKC_REFUND_REASON_MISCHARGE,                              /*< nick=mischarge >*/
  OKC_REFUND_REASON_SERVICE_FAILURE,                        /*< nick=service_failure >*/
  OKC_REFUND_REASON_GOODWILL,                               /*< nick=goodwill >*/
} OkcRefundReason;

typedef enum /*< prefix=OKC_REFUND_STATUS >*/
{
  OKC_REFUND_STATUS_PENDING_APPROVAL,                       /*< nick=pending_approval >*/
  OKC_REFUND_STATUS_PROCESSING,                             /*< nick=processing >*/
  OKC_REFUND_STATUS_SUCCEEDED,                              /*< nick=succeeded >*/
  OKC_REFUND_STATUS_FAILED,                                 /*< nick=failed >*/
  OKC_REFUND_STATUS_REJECTED,                               /*< nick=rejected >*/
} OkcRefundStatus;

/* The property management systems a property's bookings come from (docs/actions.md). */
typedef enum /*< prefix=OKC_PMS_PROVIDER >*/
{
  OKC_PMS_PROVIDER_NONE,                                    /*< nick=none >*/
  OKC_PMS_PROVIDER_GUESTY,                                  /*< nick=guesty >*/
  OKC_PMS_PROVIDER_HOSPITABLE,                              /*< nick=hospitable >*/
  OKC_PMS_PROVIDER_TRACK,                                   /*< nick=track >*/
  OKC_PMS_PROVIDER_OTHER,                                   /*< nick=other >*/
} OkcPmsProvider;

typedef enum /*< prefix=OKC_PMS_SYNC_STATE >*/
{
  OKC_PMS_SYNC_STATE_NEVER_SYNCED,                          /*< nick=never_synced >*/
  OKC_PMS_SYNC_STATE_OK,                                    /*< nick=ok >*/
  OKC_PMS_SYNC_STATE_FAILING,                               /*< nick=failing >*/
} OkcPmsSyncState;

typedef enum /*< prefix=OKC_PMS_SYNC_OUTCOME >*/
{
  OKC_PMS_SYNC_OUTCOME_SUCCEEDED,                           /*< nick=succeeded >*/
  OKC_PMS_SYNC_OUTCOME_FAILED,                              /*< nick=failed >*/
} OkcPmsSyncOutcome;

/* A customer account's subscription (docs/accounts.md). */
typedef enum /*< prefix=OKC_SUBSCRIPTION_STATUS >*/
{
  OKC_SUBSCRIPTION_STATUS_NONE,                             /*< nick=none >*/
  OKC_SUBSCRIPTION_STATUS_ACTIVE,                           /*< nick=active >*/
  OKC_SUBSCRIPTION_STATUS_CANCELLING,                       /*< nick=cancelling >*/
  OKC_SUBSCRIPTION_STATUS_CANCELLED,                        /*< nick=cancelled >*/
} OkcSubscriptionStatus;

/* How an agent checked that the person on a ticket owns the account (docs/accounts.md). */
typedef enum /*< prefix=OKC_VERIFICATION_METHOD >*/
{
  OKC_VERIFICATION_METHOD_REQUEST_EMAIL,                    /*< nick=request_email >*/
  OKC_VERIFICATION_METHOD_CARD_LAST4,                       /*< nick=card_last4 >*/
  OKC_VERIFICATION_METHOD_SESSION_DATE,                     /*< nick=session_date >*/
} OkcVerificationMethod;

/* A host's weekly payout (docs/payouts.md). */
typedef enum /*< prefix=OKC_PAYOUT_STATUS >*/
{
  OKC_PAYOUT_STATUS_SCHEDULED,                              /*< nick=scheduled >*/
  OKC_PAYOUT_STATUS_IN_TRANSIT,                             /*< nick=in_transit >*/
  OKC_PAYOUT_STATUS_PAID,                                   /*< nick=paid >*/
  OKC_PAYOUT_STATUS_FAILED,                                 /*< nick=failed >*/
  OKC_PAYOUT_STATUS_CARRIED_OVER,                           /*< nick=carried_over >*/
} OkcPayoutStatus;

/* Where a session falls in a payout's reconciliation (docs/payouts.md, rule 1). */
typedef enum /*< prefix=OKC_PAYOUT_PLACEMENT >*/
{
  OKC_PAYOUT_PLACEMENT_COVERED,                             /*< nick=covered >*/
  OKC_PAYOUT_PLACEMENT_STARTED_BEFORE,                      /*< nick=started_before >*/
  OKC_PAYOUT_PLACEMENT_DEFERRED,                            /*< nick=deferred >*/
} OkcPayoutPlacement;

const char *okc_enum_to_nick    (GType       enum_type,
                                 int         value);
gboolean    okc_enum_from_nick  (GType       enum_type,
                                 const char *nick,
                                 int        *out_value);
char       *okc_enum_list_nicks (GType       enum_type);

const char *okc_ticket_status_get_label (OkcTicketStatus status);
const char *okc_priority_get_label      (OkcPriority     priority);
const char *okc_role_get_label          (OkcRole         role);
const char *okc_audience_get_label      (OkcAudience     audience);

G_END_DECLS

#include "okc-enum-types.h"
