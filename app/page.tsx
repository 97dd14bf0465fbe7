import { redirect } from "next/navigation";
import { getViewer } from "@/lib/auth/viewer";

export const dynamic = "force-dynamic";

export default async function Home() {
  redirect((await getViewer()) ? "/dashboard" : "/signin");
}
