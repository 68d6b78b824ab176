import type { Connection } from 'mongoose';
import { verifyPassword } from '../services/auth/password';
import { type AccessServices, createAccessServices } from '../services/tenants/access';
import { normaliseOriginPattern } from '../services/tenants/origins';
import { provisionTenant } from '../services/tenants/provision';
import type { WidgetSettings } from '../services/tenants/schemas';

/** The demo tenant's publishable key: fixed so the example pages can carry it (demo mode only). */
export const demoPublishableKey = 'pk_test_parley_demo';
/** The demo tenant's slug. */
export const demoSlug = 'demo';
/** The demo admin's sign-in, printed by `npm start`. Demo mode never runs in production. */
export const demoAdmin = { email: 'admin@northwind.example', password: 'northwind-demo' } as const;

const demoWidget: Partial<WidgetSettings> = {
  botName: 'Northwind Benefits',
  greeting: 'Hi! I answer questions about Northwind benefits, time off and policies.',
  starters: [
    'What is the dental deductible?',
    'How many vacation days do I get?',
    'How do I enroll in the 401(k)?',
  ],
  placeholder: 'Ask about benefits, time off, policies…',
};

/** What seeding did. */
export interface DemoSeed {
  tenantId: string;
  created: boolean;
  publishableKey: string;
  admin: { email: string; password: string };
}

/**
 * Seeds the demo tenant, idempotently: "Northwind (demo)" with the fixed
 * test key, origins that cover this server and localhost on any port, and an
 * owner account whose password is reset to the printed one if it changed.
 * Running it again adds whatever is missing and changes nothing else.
 */
export async function seedDemo(
  connection: Connection,
  options: { publicUrl: string; access?: AccessServices },
): Promise<DemoSeed> {
  const access =
    options.access ?? createAccessServices({ connection, publicUrl: options.publicUrl });
  const origins = [ownOrigin(options.publicUrl), 'http://localhost:*', 'http://127.0.0.1:*'].filter(
    (o): o is string => o !== undefined,
  );
  const actor = { type: 'system' as const, id: null, label: 'demo seed' };
  const existing = await access.tenants.findBySlug(demoSlug);
  if (!existing) {
    const created = await provisionTenant(
      access,
      {
        name: 'Northwind (demo)',
        slug: demoSlug,
        allowedOrigins: origins,
        mode: 'test',
        publishableKey: demoPublishableKey,
        admin: { ...demoAdmin, name: 'Demo Admin' },
      },
      actor,
    );
    await access.tenants.update(created.tenant._id, { widget: demoWidget });
    return {
      tenantId: String(created.tenant._id),
      created: true,
      publishableKey: demoPublishableKey,
      admin: { ...demoAdmin },
    };
  }
  const missing = origins.filter((o) => !existing.allowedOrigins.includes(o));
  if (missing.length) {
    await access.tenants.update(existing._id, {
      allowedOrigins: [...existing.allowedOrigins, ...missing],
    });
  }
  if (!(await access.keys.verify(demoPublishableKey, 'publishable'))) {
    // Revoked or deleted by someone trying things out: the example pages need it back.
    await access.keys.purge(existing._id, demoPublishableKey);
    await access.keys.create(existing._id, {
      kind: 'publishable',
      mode: 'test',
      name: 'Website',
      fixedValue: demoPublishableKey,
    });
  }
  const [admin] = await access.users.findByEmail(demoAdmin.email, existing._id);
  if (!admin) {
    // A disabled demo admin stays disabled: someone chose that in the console.
    await access.users
      .create(existing._id, { ...demoAdmin, name: 'Demo Admin', role: 'owner' })
      .catch((error: unknown) => {
        if ((error as { code?: string }).code !== 'PARLEY_USER_EXISTS') throw error;
      });
  } else if (!(await verifyPassword(admin.passwordHash, demoAdmin.password))) {
    await access.users.setPassword(admin._id, demoAdmin.password);
  }
  return {
    tenantId: String(existing._id),
    created: false,
    publishableKey: demoPublishableKey,
    admin: { ...demoAdmin },
  };
}

/** The server's own origin as a pattern; none for `PORT=0` (tests), which localhost:* covers. */
function ownOrigin(publicUrl: string): string | undefined {
  try {
    return normaliseOriginPattern(new URL(publicUrl).origin);
  } catch {
    return undefined;
  }
}
