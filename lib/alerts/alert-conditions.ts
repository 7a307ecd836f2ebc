// What each kind of alert rule checks on one group's summary, and how a rule reads in words. Pure.
import type { GroupSummary } from "../groups/group-summary";
import type { AlertRuleSpec } from "./alert-rules";
import { describeConformanceRule } from "./conformance-rules";

const n = (x: number) => x.toLocaleString("en-US");

function forWords(minutes: number): string {
  if (minutes <= 0) return "";
  if (minutes % 60 === 0 && minutes >= 120) return ` for ${minutes / 60} h`;
  return ` for ${minutes} min`;
}

/** "5 min", "90 s", "2 h". */
function behindWords(seconds: number): string {
  if (seconds < 60) return `${n(seconds)} s`;
  if (seconds % 3600 === 0) return `${n(seconds / 3600)} h`;
  return `${n(Math.round((seconds / 60) * 100) / 100)} min`;
}

/** What a rule watches, in words: "lag above 1,000 for 5 min", "status STALL or STOP", "more than 5 min behind". */
export function describeRule(rule: Pick<AlertRuleSpec, "kind" | "lagAbove" | "statuses" | "forMinutes" | "groupId" | "behindSeconds" | "lostAbove" | "topic" | "conformanceBelow">): string {
  if (rule.kind === "conformance") return `${describeConformanceRule(rule)}${forWords(rule.forMinutes)}`;
  const what = {
    lag: () => `lag above ${n(rule.lagAbove ?? 0)}`,
    status: () => `status ${rule.statuses.join(" or ")}`,
    "group-status": () => `group status (Burrow's) ${rule.statuses.join(" or ")}`,
    "time-lag": () => `more than ${behindWords(rule.behindSeconds ?? 0)} behind`,
    "retention-loss": () => (rule.lostAbove ? `more than ${n(rule.lostAbove)} messages lost to retention` : "messages lost to retention"),
    conformance: () => "",
  }[rule.kind]();
  return `${what}${forWords(rule.forMinutes)} on ${rule.groupId ? `group ${rule.groupId}` : "any group"}`;
}

/** Whether the rule's condition holds for the group; `unknown` when this sample cannot tell (keep what was known). */
export type Check = { holds: true; message: string } | { holds: false; reason: string } | { unknown: true };

export function check(rule: AlertRuleSpec, group: GroupSummary): Check {
  const held = forWords(rule.forMinutes);
  switch (rule.kind) {
    case "lag": {
      const limit = rule.lagAbove ?? 0;
      return group.totalLag > limit ? { holds: true, message: `lag ${n(group.totalLag)} above ${n(limit)}${held}` } : { holds: false, reason: `lag ${n(group.totalLag)}, not above ${n(limit)}` };
    }
    case "status":
      return rule.statuses.includes(group.status)
        ? { holds: true, message: `status ${group.status}${held}${group.reason ? `: ${group.reason}` : ""}` }
        : { holds: false, reason: `status ${group.status}` };
    case "group-status":
      return rule.statuses.includes(group.burrowStatus)
        ? { holds: true, message: `group status ${group.burrowStatus}${held}${group.reason ? `: ${group.reason}` : ""}` }
        : { holds: false, reason: `group status ${group.burrowStatus}` };
    case "time-lag": {
      const limit = rule.behindSeconds ?? 0;
      const t = group.timeLag;
      if (t.seconds === null) return { unknown: true };
      return t.seconds > limit
        ? { holds: true, message: `${t.text}, more than ${behindWords(limit)}${held}` }
        : { holds: false, reason: `${t.text}, not more than ${behindWords(limit)}` };
    }
    case "conformance":
      // A topic's rule: never judged on a group's lag (server/contracts/conformance-alerts.ts evaluates it).
      return { unknown: true };
    case "retention-loss": {
      const limit = rule.lostAbove ?? 0;
      const lost = group.retentionLost;
      const words = `${n(lost)} ${lost === 1 ? "message was" : "messages were"} deleted by retention before the group read them`;
      return lost > limit ? { holds: true, message: `${words}${held}` } : { holds: false, reason: lost ? `${words}, not more than ${n(limit)}` : "no messages lost to retention" };
    }
  }
}

