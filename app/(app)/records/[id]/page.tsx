import type { Metadata } from "next";
import { RecordDetailView } from "./record-detail";

export const metadata: Metadata = { title: "Record" };

export default async function RecordPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <RecordDetailView id={id} />;
}
