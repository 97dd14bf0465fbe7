// npm run admin:create -- <email> [--password <new password>]
// Makes a user an admin; creates the user when --password is given and the email is new.
import { hashPassword, passwordProblem } from "@/lib/auth/password";
import { db } from "@/lib/db";

const [emailArg, flag, password] = process.argv.slice(2);
const email = emailArg?.trim().toLowerCase();
if (!email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email) || (flag && flag !== "--password")) {
  console.error("usage: npm run admin:create -- <email> [--password <password>]");
  process.exit(2);
}
const existing = await db.user.findUnique({ where: { email } });
if (existing) {
  await db.user.update({
    where: { id: existing.id },
    data: { role: "ADMIN", emailVerifiedAt: existing.emailVerifiedAt ?? new Date() },
  });
  console.log(`${email} is now an admin.`);
} else if (password) {
  const problem = passwordProblem(password);
  if (problem) {
    console.error(`password rejected: ${problem}`);
    process.exit(2);
  }
  // An admin made by the operator is trusted with its address: confirmed.
  await db.user.create({
    data: { email, passwordHash: await hashPassword(password), role: "ADMIN", emailVerifiedAt: new Date() },
  });
  console.log(`created admin ${email}.`);
} else {
  console.error(`no user ${email}: sign up first, or pass --password to create one.`);
  process.exit(1);
}
process.exit(0);
