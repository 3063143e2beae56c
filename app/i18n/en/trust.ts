import type { trust as ko } from "../ko/trust";

export const trust: Record<keyof typeof ko, string> = {
  "verify.ok":
    "Verified: the hash chain of {count} events is unbroken (last #{last}), it matches {checkpoints} signed checkpoint(s), and {rows} responses and review stages hold what the log says.",
  "verify.failed": "Verification failed: {count} problem(s) found.",
  "verify.hidden":
    "{count} problem(s) about other institutions' rows are not shown here (an administrator sees them with npm run audit -- verify).",
  "verify.marked": "The affected events are marked in red in the list below.",
  "verify.problem.gap": "#{seq}: an event before it is missing or out of order (the numbers do not follow on).",
  "verify.problem.broken-link": "#{seq}: it does not follow the event before it (that event was deleted or changed).",
  "verify.problem.altered": "#{seq}: it was changed after it was written (its hash does not match).",
  "verify.problem.checkpoint-truncated":
    "A signed checkpoint ({source}, signed {signedAt}) proves the log reached #{seq}, but it now ends at #{last}: its last events were cut off.",
  "verify.problem.checkpoint-rewritten":
    "#{seq}: differs from the signed checkpoint ({source}, signed {signedAt}): this event or one before it was rewritten.",
  "verify.problem.checkpoint-missing":
    "#{seq}: the event a signed checkpoint ({source}, signed {signedAt}) names is not there.",
  "verify.problem.checkpoint-signature.bad-signature":
    "Checkpoint #{seq} ({source}): its signature does not verify; it was forged or altered.",
  "verify.problem.checkpoint-signature.unknown-key":
    "Checkpoint #{seq} ({source}): not signed by a trusted key ({keyId}).",
  "verify.problem.row-differs": "{entity} {ref}: the table differs from the log — {fields} (last event #{seq}).",
  "verify.problem.row-unlogged": "{entity} {ref}: a row the log does not know (added to the table without an event).",
  "verify.problem.row-missing": "{entity} {ref}: in the log but gone from the table (last event #{seq}).",
  "verify.difference": "{field}: log {log}, table {table}",
  "verify.source.database": "held in the database",
  "verify.broken": "Verification failed",
  "checkpoint.title": "Signed checkpoint of the log",
  "checkpoint.line": "Events up to #{seq} · hash {hash} · signed {signedAt} · key {keyId}",
  "checkpoint.none": "No signed checkpoint yet.",
  "checkpoint.sign": "Sign now",
  "checkpoint.signed": "Signed the log up to #{seq}.",
  "bulk.select": "Select",
  "bulk.selectAll": "Select all",
  "bulk.approve": "Approve selected",
  "bulk.approved": "Approved {count} indicator(s).",
  "bulk.error.none": "Select at least one indicator to approve.",
  "bulk.error.stale":
    "{code}: changed since the list was opened, or cannot be approved now. Nothing was approved. Reload the list and select again.",
  "bulk.error.roundState": "The round's state does not allow approving now.",
  "levels.notAllowed":
    "Reviewed score: this indicator allows only {allowed} points. To give another score, write an off-level reason.",
  "levels.override": "Off-level reason (only for a score not among the indicator's levels)",
  "levels.overrideHint": "Possible scores: {allowed}",
  "stageVoid.action": "Void",
  "stageVoid.reason": "Reason for voiding",
  "stageVoid.error.reason": "Reason for voiding: write 2 to 1,000 characters.",
  "stageVoid.error.stage": "There is no such entry, or it is already void.",
  "stageVoid.done": "The entry is void.",
  "stageVoid.voided": "Void · {reason}",
  "proposal.title": "Certifications proposed by committee decisions",
  "proposal.intro":
    "Rounds the certification committee decided to certify. Confirming records the certification in the registry.",
  "proposal.none": "No proposal is waiting.",
  "proposal.line": "committee {date}",
  "proposal.confirm": "Record in the registry",
  "proposal.confirmed": "Recorded {institution}'s certification in the registry.",
  "proposal.withdraw": "Withdraw",
  "proposal.withdrawn": "The proposal is withdrawn.",
  "proposal.error": "This proposal cannot be handled. Reload and try again.",
  "proposal.raised": "The committee's decision to certify is proposed to the registry.",
  "proposal.status.proposed": "Waiting for confirmation",
  "proposal.status.confirmed": "In the registry",
  "proposal.status.withdrawn": "Withdrawn",
  "history.field.voided": "Void",
  "history.field.void_reason": "Reason for voiding",
  "history.field.override_reason": "Off-level reason",
  "history.action.void": "Voided",
  "history.action.propose": "Proposed",
  "history.action.confirm": "Confirmed",
  "history.action.withdraw": "Withdrawn",
  "history.entity.certification_proposal": "Certification proposal",
  "stageRules.order":
    "Date: reviews run document → cross → site → committee. A date before an earlier stage already recorded, or after a later one, cannot be recorded.",
  "stageRules.oneDecision": "Committee decision: a decision is already recorded. Void it first if it was a mistake.",
  "stageRules.window": "Date: must lie within the round's review period (shown below) and not after today.",
  "stageRules.windowHint":
    "Dates that can be recorded: {from} – {until} (assumed period: 1 January of the round's year to 31 December of the next)",
};
