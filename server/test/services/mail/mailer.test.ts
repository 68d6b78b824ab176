import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LogMailer, MemoryMailer } from '../../../src/services/mail/mailer';
import { invitationMessage, passwordResetMessage } from '../../../src/services/mail/messages';

test('the log mailer writes recipient, subject and body to the logger', async () => {
  const lines: { object: object; message: string }[] = [];
  const mailer = new LogMailer({ info: (object, message) => lines.push({ object, message }) });
  await mailer.send({ to: 'a@example.com', subject: 'Hello', text: 'Body https://x' });
  assert.equal(lines.length, 1);
  assert.match(lines[0]!.message, /a@example\.com: Hello/);
  assert.deepEqual(lines[0]!.object, {
    mail: { to: 'a@example.com', subject: 'Hello', text: 'Body https://x' },
  });
});

test('the memory mailer keeps messages for tests', async () => {
  const mailer = new MemoryMailer();
  await mailer.send(
    passwordResetMessage({
      to: 'a@x.com',
      link: 'https://p/reset#t',
      minutes: 30,
      workspace: 'Acme',
    }),
  );
  await mailer.send(
    invitationMessage({
      to: 'b@x.com',
      link: 'https://p/invite#t',
      workspace: 'Acme',
      invitedBy: 'Ann',
      role: 'editor',
      days: 7,
    }),
  );
  assert.equal(mailer.sent.length, 2);
  assert.match(mailer.lastTo('a@x.com')!.text, /https:\/\/p\/reset#t/);
  assert.match(mailer.lastTo('a@x.com')!.text, /30 minutes/);
  assert.match(mailer.lastTo('b@x.com')!.subject, /invited to Acme/);
  assert.equal(mailer.lastTo('c@x.com'), undefined);
});
