CREATE TABLE "request_windows" (
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"calls" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "request_windows_key_window_start_pk" PRIMARY KEY("key","window_start")
);
