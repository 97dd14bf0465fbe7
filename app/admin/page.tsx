import { PageHeader } from "@/components/ui/card";
import { requireAdminPage } from "@/lib/auth/viewer";

export default async function AdminPage() {
  await requireAdminPage();
  return <PageHeader title="Admin" />;
}
