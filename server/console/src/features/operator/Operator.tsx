import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../../lib/api';
import { relativeTime } from '../../lib/format';
import { api } from '../../stores/api';
import { session, signOut } from '../../stores/session';
import { notify } from '../../stores/toasts';
import { Button } from '../../ui/Button';
import { Badge, Card, PageHeader } from '../../ui/Card';
import { ErrorAlert } from '../../ui/ErrorAlert';
import ui from '../../ui/ui.module.css';
import { OperatorBilling } from '../billing/OperatorBilling';

interface TenantRow {
  id: string;
  slug: string;
  name: string;
  plan: string;
  status: 'active' | 'suspended';
  allowedOrigins: string[];
  createdAt: string;
}

/**
 * The platform operator's view: every workspace, with suspend and reactivate,
 * then plans, subscriptions and MRR (billing). Creation is in the CLI.
 */
export function Operator() {
  const [tenants, setTenants] = useState<TenantRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    api<{ items: TenantRow[] }>('GET', '/api/operator/tenants').then(
      (r) => setTenants(r.items),
      (e) => setError(errorMessage(e)),
    );
  useEffect(() => {
    void load();
  }, []);
  const setStatus = async (tenant: TenantRow, status: TenantRow['status']) => {
    try {
      await api('PATCH', `/api/operator/tenants/${tenant.id}`, { status });
      notify(`${tenant.name} ${status === 'suspended' ? 'suspended' : 'reactivated'}`);
      await load();
    } catch (e) {
      notify(errorMessage(e), 'error');
    }
  };
  return (
    <main style={{ maxWidth: '64rem', margin: '0 auto', padding: '2rem 1rem' }}>
      <PageHeader
        title="Workspaces"
        description={`Signed in as operator ${session.value?.user.email}. Create workspaces with: npm run parley -- tenant create`}
        actions={<Button onClick={() => void signOut()}>Sign out</Button>}
      />
      <ErrorAlert message={error} />
      <Card>
        <table class={ui.table}>
          <caption class="visually-hidden">Workspaces</caption>
          <thead>
            <tr>
              <th scope="col">Workspace</th>
              <th scope="col">Plan</th>
              <th scope="col">Status</th>
              <th scope="col">Created</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(tenants ?? []).map((tenant) => (
              <tr key={tenant.id}>
                <td>
                  {tenant.name}
                  <br />
                  <small>{tenant.slug}</small>
                </td>
                <td>{tenant.plan}</td>
                <td>
                  <Badge tone={tenant.status === 'active' ? 'success' : 'danger'}>
                    {tenant.status}
                  </Badge>
                </td>
                <td>{relativeTime(tenant.createdAt)}</td>
                <td>
                  {tenant.status === 'active' ? (
                    <Button
                      size="small"
                      variant="danger"
                      onClick={() => void setStatus(tenant, 'suspended')}
                    >
                      Suspend
                    </Button>
                  ) : (
                    <Button size="small" onClick={() => void setStatus(tenant, 'active')}>
                      Reactivate
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <OperatorBilling />
    </main>
  );
}
