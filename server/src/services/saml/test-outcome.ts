import type { TestResult } from './pages';
import type { ProvisionPlan } from './provisioning';
import type { AcceptedLogin } from './sso-login';

function describePlan(plan: ProvisionPlan | null): string {
  if (!plan) return 'nothing';
  switch (plan.action) {
    case 'create':
      return `create the account as ${plan.role}`;
    case 'update':
      return `sign in ${plan.user.email} as ${plan.role}`;
    case 'deprovision':
      return `disable ${plan.user.email} (no group maps to a role)`;
    case 'refuse':
      return `refuse (${plan.reason}): ${plan.message}`;
  }
}

/** What the Test connection popup reports for a response that passed every check. */
export function testOutcome(accepted: AcceptedLogin): TestResult {
  const { identity } = accepted;
  return {
    ok: true,
    nameId: identity.nameId,
    email: identity.email,
    name: identity.name,
    groups: identity.groups,
    attributes: identity.attributes,
    outcome: describePlan(accepted.plan),
  };
}
