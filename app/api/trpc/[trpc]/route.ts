import { handleTRPCRequest } from "@/server/api/http";
import { getSession } from "@/server/auth/session";
import { db } from "@/server/db/client";

const handler = (req: Request) => handleTRPCRequest(req, { db: db(), getSession });

export { handler as GET, handler as POST };
