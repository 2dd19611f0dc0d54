import { syncRecordHandler } from "./sync-record.handler";

export default syncRecordHandler(true);
