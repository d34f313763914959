-- Version 1 of the schema of 五抓五提升工作台, frozen.
--
-- Written once from sqlite_master of a database made by the program at commit 3cc5152
-- (the last one whose models were version 1). Never edit it: files out there were made
-- with exactly this. Later versions are reached from here by models/migrations.py.

CREATE TABLE "organisation" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "code" VARCHAR(32) NOT NULL, "name" VARCHAR(200) NOT NULL, "short_name" VARCHAR(200) NOT NULL, "kind" VARCHAR(200) NOT NULL, "parent_id" INTEGER, "secretary" VARCHAR(200) NOT NULL, "secretary_phone" VARCHAR(20) NOT NULL, "sort_order" INTEGER NOT NULL, "address" VARCHAR(200) NOT NULL, "note" TEXT NOT NULL, FOREIGN KEY ("parent_id") REFERENCES "organisation" ("id") ON DELETE RESTRICT);

CREATE UNIQUE INDEX "organisation_uuid" ON "organisation" ("uuid");

CREATE INDEX "organisation_origin" ON "organisation" ("origin");

CREATE INDEX "organisation_updated_at" ON "organisation" ("updated_at");

CREATE UNIQUE INDEX "organisation_code" ON "organisation" ("code");

CREATE INDEX "organisation_parent_id" ON "organisation" ("parent_id");

CREATE TABLE "activity" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "org_id" INTEGER NOT NULL, "date" DATE NOT NULL, "kind" VARCHAR(200) NOT NULL, "title" VARCHAR(200) NOT NULL, "participants" INTEGER NOT NULL, "content" TEXT NOT NULL, FOREIGN KEY ("org_id") REFERENCES "organisation" ("id") ON DELETE RESTRICT);

CREATE UNIQUE INDEX "activity_uuid" ON "activity" ("uuid");

CREATE INDEX "activity_origin" ON "activity" ("origin");

CREATE INDEX "activity_updated_at" ON "activity" ("updated_at");

CREATE INDEX "activity_org_id" ON "activity" ("org_id");

CREATE INDEX "activity_date" ON "activity" ("date");

CREATE TABLE "member" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "org_id" INTEGER NOT NULL, "group_id" INTEGER, "name" VARCHAR(40) NOT NULL, "gender" VARCHAR(4) NOT NULL, "birth_date" DATE, "education" VARCHAR(200) NOT NULL, "status" VARCHAR(200) NOT NULL, "join_date" DATE NOT NULL, "post_status" VARCHAR(200) NOT NULL, "post_title" VARCHAR(200) NOT NULL, "phone" VARCHAR(20) NOT NULL, "id_number" VARCHAR(18) NOT NULL, "address" VARCHAR(200) NOT NULL, "is_active" INTEGER NOT NULL, "note" TEXT NOT NULL, FOREIGN KEY ("org_id") REFERENCES "organisation" ("id") ON DELETE RESTRICT, FOREIGN KEY ("group_id") REFERENCES "organisation" ("id") ON DELETE RESTRICT);

CREATE UNIQUE INDEX "member_uuid" ON "member" ("uuid");

CREATE INDEX "member_origin" ON "member" ("origin");

CREATE INDEX "member_updated_at" ON "member" ("updated_at");

CREATE INDEX "member_org_id" ON "member" ("org_id");

CREATE INDEX "member_group_id" ON "member" ("group_id");

CREATE INDEX "member_birth_date" ON "member" ("birth_date");

CREATE INDEX "member_join_date" ON "member" ("join_date");

CREATE INDEX "member_org_id_name" ON "member" ("org_id", "name");

CREATE TABLE "meeting" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "org_id" INTEGER NOT NULL, "group_id" INTEGER, "kind" VARCHAR(200) NOT NULL, "date" DATE NOT NULL, "topic" VARCHAR(200) NOT NULL, "host" VARCHAR(40) NOT NULL, "recorder" VARCHAR(40) NOT NULL, "location" VARCHAR(200) NOT NULL, "content" TEXT NOT NULL, "decisions" TEXT NOT NULL, FOREIGN KEY ("org_id") REFERENCES "organisation" ("id") ON DELETE RESTRICT, FOREIGN KEY ("group_id") REFERENCES "organisation" ("id") ON DELETE RESTRICT);

CREATE UNIQUE INDEX "meeting_uuid" ON "meeting" ("uuid");

CREATE INDEX "meeting_origin" ON "meeting" ("origin");

CREATE INDEX "meeting_updated_at" ON "meeting" ("updated_at");

CREATE INDEX "meeting_org_id" ON "meeting" ("org_id");

CREATE INDEX "meeting_group_id" ON "meeting" ("group_id");

CREATE INDEX "meeting_date" ON "meeting" ("date");

CREATE TABLE "study_session" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "org_id" INTEGER NOT NULL, "date" DATE NOT NULL, "kind" VARCHAR(200) NOT NULL, "topic" VARCHAR(200) NOT NULL, "host" VARCHAR(40) NOT NULL, "location" VARCHAR(200) NOT NULL, "content" TEXT NOT NULL, FOREIGN KEY ("org_id") REFERENCES "organisation" ("id") ON DELETE RESTRICT);

CREATE UNIQUE INDEX "study_session_uuid" ON "study_session" ("uuid");

CREATE INDEX "study_session_origin" ON "study_session" ("origin");

CREATE INDEX "study_session_updated_at" ON "study_session" ("updated_at");

CREATE INDEX "study_session_org_id" ON "study_session" ("org_id");

CREATE INDEX "study_session_date" ON "study_session" ("date");

CREATE TABLE "training" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "org_id" INTEGER NOT NULL, "date" DATE NOT NULL, "form" VARCHAR(200) NOT NULL, "title" VARCHAR(200) NOT NULL, "audience" VARCHAR(200) NOT NULL, "days" REAL NOT NULL, "location" VARCHAR(200) NOT NULL, "result" TEXT NOT NULL, FOREIGN KEY ("org_id") REFERENCES "organisation" ("id") ON DELETE RESTRICT);

CREATE UNIQUE INDEX "training_uuid" ON "training" ("uuid");

CREATE INDEX "training_origin" ON "training" ("origin");

CREATE INDEX "training_updated_at" ON "training" ("updated_at");

CREATE INDEX "training_org_id" ON "training" ("org_id");

CREATE INDEX "training_date" ON "training" ("date");

CREATE TABLE "attendance" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "member_id" INTEGER NOT NULL, "meeting_id" INTEGER, "session_id" INTEGER, "training_id" INTEGER, "state" VARCHAR(200) NOT NULL, "reason" VARCHAR(200) NOT NULL, FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE RESTRICT, FOREIGN KEY ("meeting_id") REFERENCES "meeting" ("id") ON DELETE CASCADE, FOREIGN KEY ("session_id") REFERENCES "study_session" ("id") ON DELETE CASCADE, FOREIGN KEY ("training_id") REFERENCES "training" ("id") ON DELETE CASCADE, CHECK ((meeting_id IS NOT NULL) + (session_id IS NOT NULL) + (training_id IS NOT NULL) = 1));

CREATE UNIQUE INDEX "attendance_uuid" ON "attendance" ("uuid");

CREATE INDEX "attendance_origin" ON "attendance" ("origin");

CREATE INDEX "attendance_updated_at" ON "attendance" ("updated_at");

CREATE INDEX "attendance_member_id" ON "attendance" ("member_id");

CREATE INDEX "attendance_meeting_id" ON "attendance" ("meeting_id");

CREATE INDEX "attendance_session_id" ON "attendance" ("session_id");

CREATE INDEX "attendance_training_id" ON "attendance" ("training_id");

CREATE INDEX "attendance_meeting_id_member_id" ON "attendance" ("meeting_id", "member_id");

CREATE INDEX "attendance_session_id_member_id" ON "attendance" ("session_id", "member_id");

CREATE INDEX "attendance_training_id_member_id" ON "attendance" ("training_id", "member_id");

CREATE TABLE "audit_entry" ("id" INTEGER NOT NULL PRIMARY KEY, "time" DATETIME NOT NULL, "operator" VARCHAR(40) NOT NULL, "action" VARCHAR(12) NOT NULL, "table" VARCHAR(40) NOT NULL, "record_uuid" VARCHAR(36) NOT NULL, "summary" VARCHAR(200) NOT NULL, "changes" TEXT NOT NULL);

CREATE INDEX "audit_entry_time" ON "audit_entry" ("time");

CREATE INDEX "audit_entry_record_uuid" ON "audit_entry" ("record_uuid");

CREATE TABLE "birthday_ceremony" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "org_id" INTEGER NOT NULL, "date" DATE NOT NULL, "month" INTEGER NOT NULL, "form" VARCHAR(200) NOT NULL, "content" TEXT NOT NULL, FOREIGN KEY ("org_id") REFERENCES "organisation" ("id") ON DELETE RESTRICT);

CREATE UNIQUE INDEX "birthday_ceremony_uuid" ON "birthday_ceremony" ("uuid");

CREATE INDEX "birthday_ceremony_origin" ON "birthday_ceremony" ("origin");

CREATE INDEX "birthday_ceremony_updated_at" ON "birthday_ceremony" ("updated_at");

CREATE INDEX "birthday_ceremony_org_id" ON "birthday_ceremony" ("org_id");

CREATE INDEX "birthday_ceremony_date" ON "birthday_ceremony" ("date");

CREATE TABLE "birthday_honoree" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "ceremony_id" INTEGER NOT NULL, "member_id" INTEGER NOT NULL, FOREIGN KEY ("ceremony_id") REFERENCES "birthday_ceremony" ("id") ON DELETE CASCADE, FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE RESTRICT);

CREATE UNIQUE INDEX "birthday_honoree_uuid" ON "birthday_honoree" ("uuid");

CREATE INDEX "birthday_honoree_origin" ON "birthday_honoree" ("origin");

CREATE INDEX "birthday_honoree_updated_at" ON "birthday_honoree" ("updated_at");

CREATE INDEX "birthday_honoree_ceremony_id" ON "birthday_honoree" ("ceremony_id");

CREATE INDEX "birthday_honoree_member_id" ON "birthday_honoree" ("member_id");

CREATE INDEX "birthday_honoree_ceremony_id_member_id" ON "birthday_honoree" ("ceremony_id", "member_id");

CREATE TABLE "brand" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "org_id" INTEGER NOT NULL, "name" VARCHAR(200) NOT NULL, "field" VARCHAR(200) NOT NULL, "founded" DATE NOT NULL, "level" VARCHAR(200) NOT NULL, "idea" TEXT NOT NULL, "measures" TEXT NOT NULL, "results" TEXT NOT NULL, FOREIGN KEY ("org_id") REFERENCES "organisation" ("id") ON DELETE RESTRICT);

CREATE UNIQUE INDEX "brand_uuid" ON "brand" ("uuid");

CREATE INDEX "brand_origin" ON "brand" ("origin");

CREATE INDEX "brand_updated_at" ON "brand" ("updated_at");

CREATE INDEX "brand_org_id" ON "brand" ("org_id");

CREATE INDEX "brand_founded" ON "brand" ("founded");

CREATE TABLE "campaign" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "name" VARCHAR(200) NOT NULL, "year" INTEGER NOT NULL, "start" DATE NOT NULL, "end" DATE NOT NULL, "issuer" VARCHAR(200) NOT NULL, "doc_prefix" VARCHAR(200) NOT NULL, "description" TEXT NOT NULL);

CREATE UNIQUE INDEX "campaign_uuid" ON "campaign" ("uuid");

CREATE INDEX "campaign_origin" ON "campaign" ("origin");

CREATE INDEX "campaign_updated_at" ON "campaign" ("updated_at");

CREATE INDEX "campaign_start" ON "campaign" ("start");

CREATE INDEX "campaign_end" ON "campaign" ("end");

CREATE TABLE "deed" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "member_id" INTEGER NOT NULL, "date" DATE NOT NULL, "kind" VARCHAR(200) NOT NULL, "title" VARCHAR(200) NOT NULL, "beneficiary" VARCHAR(200) NOT NULL, "state" VARCHAR(200) NOT NULL, "verified" INTEGER NOT NULL, "result" TEXT NOT NULL, FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE RESTRICT);

CREATE UNIQUE INDEX "deed_uuid" ON "deed" ("uuid");

CREATE INDEX "deed_origin" ON "deed" ("origin");

CREATE INDEX "deed_updated_at" ON "deed" ("updated_at");

CREATE INDEX "deed_member_id" ON "deed" ("member_id");

CREATE INDEX "deed_date" ON "deed" ("date");

CREATE TABLE "disclosure" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "org_id" INTEGER NOT NULL, "date" DATE NOT NULL, "kind" VARCHAR(200) NOT NULL, "title" VARCHAR(200) NOT NULL, "channel" VARCHAR(200) NOT NULL, "period" VARCHAR(200) NOT NULL, "content" TEXT NOT NULL, FOREIGN KEY ("org_id") REFERENCES "organisation" ("id") ON DELETE RESTRICT);

CREATE UNIQUE INDEX "disclosure_uuid" ON "disclosure" ("uuid");

CREATE INDEX "disclosure_origin" ON "disclosure" ("origin");

CREATE INDEX "disclosure_updated_at" ON "disclosure" ("updated_at");

CREATE INDEX "disclosure_org_id" ON "disclosure" ("org_id");

CREATE INDEX "disclosure_date" ON "disclosure" ("date");

CREATE TABLE "disposal" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "org_id" INTEGER NOT NULL, "secretary" VARCHAR(40) NOT NULL, "quarter" VARCHAR(6) NOT NULL, "reason" VARCHAR(200) NOT NULL, "measure" VARCHAR(200) NOT NULL, "date" DATE, "state" VARCHAR(200) NOT NULL, "note" TEXT NOT NULL, FOREIGN KEY ("org_id") REFERENCES "organisation" ("id") ON DELETE RESTRICT);

CREATE UNIQUE INDEX "disposal_uuid" ON "disposal" ("uuid");

CREATE INDEX "disposal_origin" ON "disposal" ("origin");

CREATE INDEX "disposal_updated_at" ON "disposal" ("updated_at");

CREATE INDEX "disposal_org_id" ON "disposal" ("org_id");

CREATE INDEX "disposal_date" ON "disposal" ("date");

CREATE TABLE "exchange_mark" ("id" INTEGER NOT NULL PRIMARY KEY, "org_code" VARCHAR(32) NOT NULL, "record_uuid" VARCHAR(36) NOT NULL, "updated_at" DATETIME NOT NULL);

CREATE UNIQUE INDEX "exchange_mark_org_code_record_uuid" ON "exchange_mark" ("org_code", "record_uuid");

CREATE TABLE "key_person" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "org_id" INTEGER NOT NULL, "name" VARCHAR(40) NOT NULL, "kind" VARCHAR(200) NOT NULL, "id_number" VARCHAR(18) NOT NULL, "phone" VARCHAR(20) NOT NULL, "address" VARCHAR(200) NOT NULL, "helper_id" INTEGER, "since" DATE, "needs" TEXT NOT NULL, FOREIGN KEY ("org_id") REFERENCES "organisation" ("id") ON DELETE RESTRICT, FOREIGN KEY ("helper_id") REFERENCES "member" ("id") ON DELETE RESTRICT);

CREATE UNIQUE INDEX "key_person_uuid" ON "key_person" ("uuid");

CREATE INDEX "key_person_origin" ON "key_person" ("origin");

CREATE INDEX "key_person_updated_at" ON "key_person" ("updated_at");

CREATE INDEX "key_person_org_id" ON "key_person" ("org_id");

CREATE INDEX "key_person_helper_id" ON "key_person" ("helper_id");

CREATE INDEX "key_person_since" ON "key_person" ("since");

CREATE TABLE "help_visit" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "key_person_id" INTEGER NOT NULL, "member_id" INTEGER NOT NULL, "date" DATE NOT NULL, "content" VARCHAR(200) NOT NULL, "solved" INTEGER NOT NULL, "note" TEXT NOT NULL, FOREIGN KEY ("key_person_id") REFERENCES "key_person" ("id") ON DELETE RESTRICT, FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE RESTRICT);

CREATE UNIQUE INDEX "help_visit_uuid" ON "help_visit" ("uuid");

CREATE INDEX "help_visit_origin" ON "help_visit" ("origin");

CREATE INDEX "help_visit_updated_at" ON "help_visit" ("updated_at");

CREATE INDEX "help_visit_key_person_id" ON "help_visit" ("key_person_id");

CREATE INDEX "help_visit_member_id" ON "help_visit" ("member_id");

CREATE INDEX "help_visit_date" ON "help_visit" ("date");

CREATE TABLE "import_log" ("id" INTEGER NOT NULL PRIMARY KEY, "time" DATETIME NOT NULL, "file_name" VARCHAR(260) NOT NULL, "file_hash" VARCHAR(64) NOT NULL, "org_code" VARCHAR(32) NOT NULL, "operator" VARCHAR(40) NOT NULL, "outcome" VARCHAR(20) NOT NULL, "counts" TEXT NOT NULL, "message" TEXT NOT NULL);

CREATE INDEX "import_log_time" ON "import_log" ("time");

CREATE INDEX "import_log_file_hash" ON "import_log" ("file_hash");

CREATE TABLE "score_template" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "name" VARCHAR(200) NOT NULL, "year" INTEGER NOT NULL, "active" INTEGER NOT NULL, "note" TEXT NOT NULL);

CREATE UNIQUE INDEX "score_template_uuid" ON "score_template" ("uuid");

CREATE INDEX "score_template_origin" ON "score_template" ("origin");

CREATE INDEX "score_template_updated_at" ON "score_template" ("updated_at");

CREATE TABLE "inspection" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "campaign_id" INTEGER NOT NULL, "org_id" INTEGER NOT NULL, "kind" VARCHAR(200) NOT NULL, "quarter" VARCHAR(6) NOT NULL, "date" DATE NOT NULL, "template_id" INTEGER, "inspectors" VARCHAR(200) NOT NULL, "summary" TEXT NOT NULL, FOREIGN KEY ("campaign_id") REFERENCES "campaign" ("id") ON DELETE RESTRICT, FOREIGN KEY ("org_id") REFERENCES "organisation" ("id") ON DELETE RESTRICT, FOREIGN KEY ("template_id") REFERENCES "score_template" ("id") ON DELETE RESTRICT);

CREATE UNIQUE INDEX "inspection_uuid" ON "inspection" ("uuid");

CREATE INDEX "inspection_origin" ON "inspection" ("origin");

CREATE INDEX "inspection_updated_at" ON "inspection" ("updated_at");

CREATE INDEX "inspection_campaign_id" ON "inspection" ("campaign_id");

CREATE INDEX "inspection_org_id" ON "inspection" ("org_id");

CREATE INDEX "inspection_date" ON "inspection" ("date");

CREATE INDEX "inspection_template_id" ON "inspection" ("template_id");

CREATE TABLE "score_section" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "template_id" INTEGER NOT NULL, "order" INTEGER NOT NULL, "name" VARCHAR(200) NOT NULL, "track" VARCHAR(200) NOT NULL, FOREIGN KEY ("template_id") REFERENCES "score_template" ("id") ON DELETE CASCADE);

CREATE UNIQUE INDEX "score_section_uuid" ON "score_section" ("uuid");

CREATE INDEX "score_section_origin" ON "score_section" ("origin");

CREATE INDEX "score_section_updated_at" ON "score_section" ("updated_at");

CREATE INDEX "score_section_template_id" ON "score_section" ("template_id");

CREATE TABLE "score_item" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "section_id" INTEGER NOT NULL, "order" INTEGER NOT NULL, "name" VARCHAR(200) NOT NULL, "max_points" REAL NOT NULL, "guidance" TEXT NOT NULL, "rule" VARCHAR(200) NOT NULL, FOREIGN KEY ("section_id") REFERENCES "score_section" ("id") ON DELETE CASCADE);

CREATE UNIQUE INDEX "score_item_uuid" ON "score_item" ("uuid");

CREATE INDEX "score_item_origin" ON "score_item" ("origin");

CREATE INDEX "score_item_updated_at" ON "score_item" ("updated_at");

CREATE INDEX "score_item_section_id" ON "score_item" ("section_id");

CREATE TABLE "inspection_score" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "inspection_id" INTEGER NOT NULL, "item_id" INTEGER NOT NULL, "points" REAL, "computed" REAL, "not_applicable" INTEGER NOT NULL, "override_reason" VARCHAR(200) NOT NULL, "remark" VARCHAR(200) NOT NULL, FOREIGN KEY ("inspection_id") REFERENCES "inspection" ("id") ON DELETE CASCADE, FOREIGN KEY ("item_id") REFERENCES "score_item" ("id") ON DELETE RESTRICT);

CREATE UNIQUE INDEX "inspection_score_uuid" ON "inspection_score" ("uuid");

CREATE INDEX "inspection_score_origin" ON "inspection_score" ("origin");

CREATE INDEX "inspection_score_updated_at" ON "inspection_score" ("updated_at");

CREATE INDEX "inspection_score_inspection_id" ON "inspection_score" ("inspection_id");

CREATE INDEX "inspection_score_item_id" ON "inspection_score" ("item_id");

CREATE INDEX "inspection_score_inspection_id_item_id" ON "inspection_score" ("inspection_id", "item_id");

CREATE TABLE "key_task" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "campaign_id" INTEGER NOT NULL, "batch" VARCHAR(36) NOT NULL, "title" VARCHAR(200) NOT NULL, "track" VARCHAR(200) NOT NULL, "org_id" INTEGER, "office" VARCHAR(200) NOT NULL, "owner" VARCHAR(40) NOT NULL, "start" DATE NOT NULL, "deadline" DATE NOT NULL, "output" TEXT NOT NULL, "state" VARCHAR(200) NOT NULL, "finished" DATE, FOREIGN KEY ("campaign_id") REFERENCES "campaign" ("id") ON DELETE RESTRICT, FOREIGN KEY ("org_id") REFERENCES "organisation" ("id") ON DELETE RESTRICT);

CREATE UNIQUE INDEX "key_task_uuid" ON "key_task" ("uuid");

CREATE INDEX "key_task_origin" ON "key_task" ("origin");

CREATE INDEX "key_task_updated_at" ON "key_task" ("updated_at");

CREATE INDEX "key_task_campaign_id" ON "key_task" ("campaign_id");

CREATE INDEX "key_task_org_id" ON "key_task" ("org_id");

CREATE INDEX "key_task_start" ON "key_task" ("start");

CREATE INDEX "key_task_deadline" ON "key_task" ("deadline");

CREATE INDEX "key_task_finished" ON "key_task" ("finished");

CREATE TABLE "milestone" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "task_id" INTEGER NOT NULL, "order" INTEGER NOT NULL, "title" VARCHAR(200) NOT NULL, "days" INTEGER NOT NULL, "start" DATE NOT NULL, "due" DATE NOT NULL, "finished" DATE, FOREIGN KEY ("task_id") REFERENCES "key_task" ("id") ON DELETE CASCADE);

CREATE UNIQUE INDEX "milestone_uuid" ON "milestone" ("uuid");

CREATE INDEX "milestone_origin" ON "milestone" ("origin");

CREATE INDEX "milestone_updated_at" ON "milestone" ("updated_at");

CREATE INDEX "milestone_task_id" ON "milestone" ("task_id");

CREATE INDEX "milestone_start" ON "milestone" ("start");

CREATE INDEX "milestone_due" ON "milestone" ("due");

CREATE INDEX "milestone_finished" ON "milestone" ("finished");

CREATE TABLE "notice" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "campaign_id" INTEGER NOT NULL, "kind" VARCHAR(200) NOT NULL, "year" INTEGER NOT NULL, "number" INTEGER NOT NULL, "doc_no" VARCHAR(200) NOT NULL, "title" VARCHAR(200) NOT NULL, "date" DATE NOT NULL, "quarter" VARCHAR(6) NOT NULL, "body" TEXT NOT NULL, FOREIGN KEY ("campaign_id") REFERENCES "campaign" ("id") ON DELETE RESTRICT);

CREATE UNIQUE INDEX "notice_uuid" ON "notice" ("uuid");

CREATE INDEX "notice_origin" ON "notice" ("origin");

CREATE INDEX "notice_updated_at" ON "notice" ("updated_at");

CREATE INDEX "notice_campaign_id" ON "notice" ("campaign_id");

CREATE INDEX "notice_date" ON "notice" ("date");

CREATE UNIQUE INDEX "notice_year_number" ON "notice" ("year", "number");

CREATE TABLE "observation" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "host_id" INTEGER NOT NULL, "date" DATE NOT NULL, "title" VARCHAR(200) NOT NULL, "visitors" VARCHAR(200) NOT NULL, "participants" INTEGER NOT NULL, "points" TEXT NOT NULL, "outcome" TEXT NOT NULL, FOREIGN KEY ("host_id") REFERENCES "organisation" ("id") ON DELETE RESTRICT);

CREATE UNIQUE INDEX "observation_uuid" ON "observation" ("uuid");

CREATE INDEX "observation_origin" ON "observation" ("origin");

CREATE INDEX "observation_updated_at" ON "observation" ("updated_at");

CREATE INDEX "observation_host_id" ON "observation" ("host_id");

CREATE INDEX "observation_date" ON "observation" ("date");

CREATE TABLE "online_study" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "member_id" INTEGER NOT NULL, "month" DATE NOT NULL, "platform" VARCHAR(200) NOT NULL, "hours" REAL NOT NULL, "points" INTEGER NOT NULL, FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE RESTRICT);

CREATE UNIQUE INDEX "online_study_uuid" ON "online_study" ("uuid");

CREATE INDEX "online_study_origin" ON "online_study" ("origin");

CREATE INDEX "online_study_updated_at" ON "online_study" ("updated_at");

CREATE INDEX "online_study_member_id" ON "online_study" ("member_id");

CREATE INDEX "online_study_month" ON "online_study" ("month");

CREATE TABLE "phase" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "campaign_id" INTEGER NOT NULL, "order" INTEGER NOT NULL, "name" VARCHAR(200) NOT NULL, "start" DATE NOT NULL, "end" DATE NOT NULL, "description" TEXT NOT NULL, FOREIGN KEY ("campaign_id") REFERENCES "campaign" ("id") ON DELETE CASCADE);

CREATE UNIQUE INDEX "phase_uuid" ON "phase" ("uuid");

CREATE INDEX "phase_origin" ON "phase" ("origin");

CREATE INDEX "phase_updated_at" ON "phase" ("updated_at");

CREATE INDEX "phase_campaign_id" ON "phase" ("campaign_id");

CREATE INDEX "phase_start" ON "phase" ("start");

CREATE INDEX "phase_end" ON "phase" ("end");

CREATE TABLE "post" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "member_id" INTEGER NOT NULL, "post" VARCHAR(200) NOT NULL, "duties" TEXT NOT NULL, "start" DATE NOT NULL, "evaluation" VARCHAR(200) NOT NULL, FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE RESTRICT);

CREATE UNIQUE INDEX "post_uuid" ON "post" ("uuid");

CREATE INDEX "post_origin" ON "post" ("origin");

CREATE INDEX "post_updated_at" ON "post" ("updated_at");

CREATE INDEX "post_member_id" ON "post" ("member_id");

CREATE INDEX "post_start" ON "post" ("start");

CREATE TABLE "problem" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "org_id" INTEGER NOT NULL, "source" VARCHAR(200) NOT NULL, "inspection_id" INTEGER, "found" DATE NOT NULL, "description" VARCHAR(500) NOT NULL, "plan" TEXT NOT NULL, "responsible" VARCHAR(40) NOT NULL, "deadline" DATE NOT NULL, "state" VARCHAR(200) NOT NULL, "rectified" DATE, "closed" DATE, "evidence" TEXT NOT NULL, "reopened" INTEGER NOT NULL, "accountability" VARCHAR(200) NOT NULL, "accountability_date" DATE, "accountability_note" TEXT NOT NULL, FOREIGN KEY ("org_id") REFERENCES "organisation" ("id") ON DELETE RESTRICT, FOREIGN KEY ("inspection_id") REFERENCES "inspection" ("id") ON DELETE RESTRICT);

CREATE UNIQUE INDEX "problem_uuid" ON "problem" ("uuid");

CREATE INDEX "problem_origin" ON "problem" ("origin");

CREATE INDEX "problem_updated_at" ON "problem" ("updated_at");

CREATE INDEX "problem_org_id" ON "problem" ("org_id");

CREATE INDEX "problem_inspection_id" ON "problem" ("inspection_id");

CREATE INDEX "problem_found" ON "problem" ("found");

CREATE INDEX "problem_deadline" ON "problem" ("deadline");

CREATE INDEX "problem_rectified" ON "problem" ("rectified");

CREATE INDEX "problem_closed" ON "problem" ("closed");

CREATE INDEX "problem_accountability_date" ON "problem" ("accountability_date");

CREATE TABLE "problem_check" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "problem_id" INTEGER NOT NULL, "kind" VARCHAR(200) NOT NULL, "date" DATE NOT NULL, "result" VARCHAR(200) NOT NULL, "checker" VARCHAR(40) NOT NULL, "note" TEXT NOT NULL, FOREIGN KEY ("problem_id") REFERENCES "problem" ("id") ON DELETE CASCADE);

CREATE UNIQUE INDEX "problem_check_uuid" ON "problem_check" ("uuid");

CREATE INDEX "problem_check_origin" ON "problem_check" ("origin");

CREATE INDEX "problem_check_updated_at" ON "problem_check" ("updated_at");

CREATE INDEX "problem_check_problem_id" ON "problem_check" ("problem_id");

CREATE INDEX "problem_check_date" ON "problem_check" ("date");

CREATE TABLE "progress" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "task_id" INTEGER NOT NULL, "month" DATE NOT NULL, "percent" INTEGER NOT NULL, "done" TEXT NOT NULL, "difficulties" TEXT NOT NULL, "reported" DATE, "reporter" VARCHAR(40) NOT NULL, FOREIGN KEY ("task_id") REFERENCES "key_task" ("id") ON DELETE RESTRICT);

CREATE UNIQUE INDEX "progress_uuid" ON "progress" ("uuid");

CREATE INDEX "progress_origin" ON "progress" ("origin");

CREATE INDEX "progress_updated_at" ON "progress" ("updated_at");

CREATE INDEX "progress_task_id" ON "progress" ("task_id");

CREATE INDEX "progress_month" ON "progress" ("month");

CREATE INDEX "progress_reported" ON "progress" ("reported");

CREATE TABLE "reflection" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "member_id" INTEGER NOT NULL, "date" DATE NOT NULL, "title" VARCHAR(200) NOT NULL, "source" VARCHAR(200) NOT NULL, "words" INTEGER NOT NULL, "content" TEXT NOT NULL, FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE RESTRICT);

CREATE UNIQUE INDEX "reflection_uuid" ON "reflection" ("uuid");

CREATE INDEX "reflection_origin" ON "reflection" ("origin");

CREATE INDEX "reflection_updated_at" ON "reflection" ("updated_at");

CREATE INDEX "reflection_member_id" ON "reflection" ("member_id");

CREATE INDEX "reflection_date" ON "reflection" ("date");

CREATE TABLE "review" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "member_id" INTEGER NOT NULL, "year" INTEGER NOT NULL, "meeting_id" INTEGER, "rating" VARCHAR(200) NOT NULL, "remark" VARCHAR(200) NOT NULL, FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE RESTRICT, FOREIGN KEY ("meeting_id") REFERENCES "meeting" ("id") ON DELETE RESTRICT);

CREATE UNIQUE INDEX "review_uuid" ON "review" ("uuid");

CREATE INDEX "review_origin" ON "review" ("origin");

CREATE INDEX "review_updated_at" ON "review" ("updated_at");

CREATE INDEX "review_member_id" ON "review" ("member_id");

CREATE INDEX "review_meeting_id" ON "review" ("meeting_id");

CREATE INDEX "review_member_id_year" ON "review" ("member_id", "year");

CREATE TABLE "secretary_term" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "org_id" INTEGER NOT NULL, "member_id" INTEGER, "name" VARCHAR(200) NOT NULL, "start" DATE NOT NULL, "end" DATE, FOREIGN KEY ("org_id") REFERENCES "organisation" ("id") ON DELETE RESTRICT, FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE RESTRICT);

CREATE UNIQUE INDEX "secretary_term_uuid" ON "secretary_term" ("uuid");

CREATE INDEX "secretary_term_origin" ON "secretary_term" ("origin");

CREATE INDEX "secretary_term_updated_at" ON "secretary_term" ("updated_at");

CREATE INDEX "secretary_term_org_id" ON "secretary_term" ("org_id");

CREATE INDEX "secretary_term_member_id" ON "secretary_term" ("member_id");

CREATE INDEX "secretary_term_start" ON "secretary_term" ("start");

CREATE INDEX "secretary_term_end" ON "secretary_term" ("end");

CREATE TABLE "service" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "member_id" INTEGER NOT NULL, "date" DATE NOT NULL, "kind" VARCHAR(200) NOT NULL, "content" VARCHAR(200) NOT NULL, "hours" REAL NOT NULL, "score" INTEGER NOT NULL, FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE RESTRICT);

CREATE UNIQUE INDEX "service_uuid" ON "service" ("uuid");

CREATE INDEX "service_origin" ON "service" ("origin");

CREATE INDEX "service_updated_at" ON "service" ("updated_at");

CREATE INDEX "service_member_id" ON "service" ("member_id");

CREATE INDEX "service_date" ON "service" ("date");

CREATE TABLE "service_request" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "org_id" INTEGER NOT NULL, "received" DATE NOT NULL, "requester" VARCHAR(40) NOT NULL, "phone" VARCHAR(20) NOT NULL, "content" VARCHAR(200) NOT NULL, "first_responder_id" INTEGER NOT NULL, "promised_days" INTEGER NOT NULL, "deadline" DATE NOT NULL, "state" VARCHAR(200) NOT NULL, "finished" DATE, "satisfaction" VARCHAR(200) NOT NULL, "result" TEXT NOT NULL, FOREIGN KEY ("org_id") REFERENCES "organisation" ("id") ON DELETE RESTRICT, FOREIGN KEY ("first_responder_id") REFERENCES "member" ("id") ON DELETE RESTRICT);

CREATE UNIQUE INDEX "service_request_uuid" ON "service_request" ("uuid");

CREATE INDEX "service_request_origin" ON "service_request" ("origin");

CREATE INDEX "service_request_updated_at" ON "service_request" ("updated_at");

CREATE INDEX "service_request_org_id" ON "service_request" ("org_id");

CREATE INDEX "service_request_received" ON "service_request" ("received");

CREATE INDEX "service_request_first_responder_id" ON "service_request" ("first_responder_id");

CREATE INDEX "service_request_deadline" ON "service_request" ("deadline");

CREATE INDEX "service_request_finished" ON "service_request" ("finished");

CREATE TABLE "setting" ("key" VARCHAR(80) NOT NULL PRIMARY KEY, "value" TEXT NOT NULL);

CREATE TABLE "solved_problem" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "org_id" INTEGER NOT NULL, "year" INTEGER NOT NULL, "kind" VARCHAR(200) NOT NULL, "title" VARCHAR(200) NOT NULL, "start" DATE, "finished" DATE, "state" VARCHAR(200) NOT NULL, "investment" REAL NOT NULL, "beneficiaries" INTEGER NOT NULL, "description" TEXT NOT NULL, FOREIGN KEY ("org_id") REFERENCES "organisation" ("id") ON DELETE RESTRICT);

CREATE UNIQUE INDEX "solved_problem_uuid" ON "solved_problem" ("uuid");

CREATE INDEX "solved_problem_origin" ON "solved_problem" ("origin");

CREATE INDEX "solved_problem_updated_at" ON "solved_problem" ("updated_at");

CREATE INDEX "solved_problem_org_id" ON "solved_problem" ("org_id");

CREATE INDEX "solved_problem_start" ON "solved_problem" ("start");

CREATE INDEX "solved_problem_finished" ON "solved_problem" ("finished");

CREATE TABLE "study_plan" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "org_id" INTEGER NOT NULL, "year" INTEGER NOT NULL, "title" VARCHAR(200) NOT NULL, "made_on" DATE NOT NULL, "focus" TEXT NOT NULL, "content" TEXT NOT NULL, FOREIGN KEY ("org_id") REFERENCES "organisation" ("id") ON DELETE RESTRICT);

CREATE UNIQUE INDEX "study_plan_uuid" ON "study_plan" ("uuid");

CREATE INDEX "study_plan_origin" ON "study_plan" ("origin");

CREATE INDEX "study_plan_updated_at" ON "study_plan" ("updated_at");

CREATE INDEX "study_plan_org_id" ON "study_plan" ("org_id");

CREATE INDEX "study_plan_made_on" ON "study_plan" ("made_on");

CREATE TABLE "team" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "org_id" INTEGER NOT NULL, "kind" VARCHAR(200) NOT NULL, "name" VARCHAR(200) NOT NULL, "formed" DATE NOT NULL, "leader_id" INTEGER, "size" INTEGER NOT NULL, "task" TEXT NOT NULL, "result" TEXT NOT NULL, FOREIGN KEY ("org_id") REFERENCES "organisation" ("id") ON DELETE RESTRICT, FOREIGN KEY ("leader_id") REFERENCES "member" ("id") ON DELETE RESTRICT);

CREATE UNIQUE INDEX "team_uuid" ON "team" ("uuid");

CREATE INDEX "team_origin" ON "team" ("origin");

CREATE INDEX "team_updated_at" ON "team" ("updated_at");

CREATE INDEX "team_org_id" ON "team" ("org_id");

CREATE INDEX "team_formed" ON "team" ("formed");

CREATE INDEX "team_leader_id" ON "team" ("leader_id");

CREATE TABLE "visit" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "member_id" INTEGER NOT NULL, "date" DATE NOT NULL, "kind" VARCHAR(200) NOT NULL, "households" INTEGER NOT NULL, "opinion_kind" VARCHAR(200) NOT NULL, "opinion" TEXT NOT NULL, "adopted" INTEGER NOT NULL, "follow_up" TEXT NOT NULL, FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE RESTRICT);

CREATE UNIQUE INDEX "visit_uuid" ON "visit" ("uuid");

CREATE INDEX "visit_origin" ON "visit" ("origin");

CREATE INDEX "visit_updated_at" ON "visit" ("updated_at");

CREATE INDEX "visit_member_id" ON "visit" ("member_id");

CREATE INDEX "visit_date" ON "visit" ("date");
