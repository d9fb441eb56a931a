/**
 * Every text a person reads, in English and German, keyed by a stable id.
 * Diagnostic codes are keys too, and `{name}` placeholders take values from
 * the diagnostic's params. Keep entries grouped by pipeline stage.
 */
export interface CatalogEntry {
  en: string;
  de: string;
}

export const catalog = {
  // --- load and validate -------------------------------------------------
  RULES_DIR_UNREADABLE: {
    en: 'Cannot read the rules directory {dir}: {detail}',
    de: 'Das Regelverzeichnis {dir} lässt sich nicht lesen: {detail}',
  },
  'RULES_DIR_UNREADABLE.hint': {
    en: 'Check that the directory exists and that you may read it, or pass --rules with another directory.',
    de: 'Prüfe, ob das Verzeichnis existiert und lesbar ist, oder gib mit --rules ein anderes Verzeichnis an.',
  },
  RULES_DIR_EMPTY: {
    en: 'The rules directory {dir} contains no rule files (*.yaml, *.yml).',
    de: 'Das Regelverzeichnis {dir} enthält keine Regeldateien (*.yaml, *.yml).',
  },
  'RULES_DIR_EMPTY.hint': {
    en: 'Put rule files into {dir}, or pass --rules with the directory that contains them.',
    de: 'Lege Regeldateien in {dir} ab oder gib mit --rules das Verzeichnis an, das sie enthält.',
  },
  RULE_FILE_UNREADABLE: {
    en: 'Cannot read {file}: {detail}',
    de: '{file} lässt sich nicht lesen: {detail}',
  },
  'RULE_FILE_UNREADABLE.hint': {
    en: 'Check the file permissions, and that the file is UTF-8 text.',
    de: 'Prüfe die Dateirechte und ob die Datei UTF-8-Text ist.',
  },
  RULE_FILE_TOO_LARGE: {
    en: '{file} has {size} bytes, but a rule file may have at most {limit}.',
    de: '{file} hat {size} Byte, eine Regeldatei darf aber höchstens {limit} haben.',
  },
  'RULE_FILE_TOO_LARGE.hint': {
    en: 'Split the rules into several files in the same directory.',
    de: 'Verteile die Regeln auf mehrere Dateien im selben Verzeichnis.',
  },
  YAML_NESTING_TOO_DEEP: {
    en: 'Brackets are nested {depth} levels deep, but rule files allow at most {limit}.',
    de: 'Klammern sind {depth} Ebenen tief verschachtelt, Regeldateien erlauben aber höchstens {limit}.',
  },
  'YAML_NESTING_TOO_DEEP.hint': {
    en: 'Write nested lists and maps in block style, one entry per line, instead of [ ] and { }.',
    de: 'Schreibe verschachtelte Listen und Maps im Blockstil, ein Eintrag pro Zeile, statt mit [ ] und { }.',
  },
  YAML_SYNTAX: {
    en: 'Invalid YAML: {detail}',
    de: 'Ungültiges YAML: {detail}',
  },
  'YAML_SYNTAX.hint': {
    en: 'Rule files are plain YAML 1.2: one document per file, no tags such as !name, spaces (not tabs) for indentation.',
    de: 'Regeldateien sind schlichtes YAML 1.2: ein Dokument pro Datei, keine Tags wie !name, Einrückung mit Leerzeichen statt Tabs.',
  },
  YAML_DUPLICATE_KEY: {
    en: 'Key "{key}" appears twice in the same map.',
    de: 'Der Schlüssel "{key}" kommt in derselben Map zweimal vor.',
  },
  'YAML_DUPLICATE_KEY.hint': {
    en: 'Remove or rename one of them, because otherwise one of the values would be lost without notice.',
    de: 'Entferne einen davon oder benenne ihn um, denn sonst ginge einer der Werte unbemerkt verloren.',
  },
  YAML_ALIAS_UNSUPPORTED: {
    en: 'Alias {alias} is not allowed in rule files.',
    de: 'Der Alias {alias} ist in Regeldateien nicht erlaubt.',
  },
  'YAML_ALIAS_UNSUPPORTED.hint': {
    en: 'Write the value out in full. Anchors (&name) and aliases (*name) hide what a rule does from reviewers.',
    de: 'Schreibe den Wert vollständig aus. Anker (&name) und Aliase (*name) verbergen vor Prüfenden, was eine Regel tut.',
  },
  YAML_VERSION_UNSUPPORTED: {
    en: 'The file declares %YAML {version}, but rule files are read as YAML 1.2.',
    de: 'Die Datei gibt %YAML {version} an, Regeldateien werden aber als YAML 1.2 gelesen.',
  },
  'YAML_VERSION_UNSUPPORTED.hint': {
    en: 'Remove the %YAML line.',
    de: 'Entferne die Zeile mit %YAML.',
  },
  RULE_SCHEMA_INVALID: {
    en: '{path}: {detail}',
    de: '{path}: {detail}',
  },
  'RULE_SCHEMA_INVALID.hint': {
    en: '{didYouMean}schemas/rules.schema.json describes every key, and editors with yaml-language-server show it as you type.',
    de: '{didYouMean}schemas/rules.schema.json beschreibt jeden Schlüssel, und Editoren mit yaml-language-server zeigen das beim Tippen an.',
  },
  'schema.triggerShape': {
    en: 'trigger must have exactly one of dealStageEntered, dateApproaching, attributeChanged, loyaltyEvent, every',
    de: 'trigger muss genau einen der Schlüssel dealStageEntered, dateApproaching, attributeChanged, loyaltyEvent, every haben',
  },
  'schema.dueShape': {
    en: 'due must have exactly one of in (a duration after the occurrence) or on (a date field of the record)',
    de: 'due muss genau einen der Schlüssel in (eine Dauer nach dem Ereignis) oder on (ein Datumsfeld des Datensatzes) haben',
  },
  'schema.dueOffset': {
    en: 'before and after only work together with on, and only one of them at a time',
    de: 'before und after gehen nur zusammen mit on, und nur einer von beiden',
  },
  'schema.conditionGroup': {
    en: 'a condition group (all, any or not) must be the only key of its map',
    de: 'eine Bedingungsgruppe (all, any oder not) muss der einzige Schlüssel ihrer Map sein',
  },
  'schema.conditionEmpty': {
    en: 'a condition must be a group (all, any or not) or a leaf (fact, operator, value)',
    de: 'eine Bedingung muss eine Gruppe (all, any oder not) oder ein Blatt (fact, operator, value) sein',
  },
  'schema.durationPattern': {
    en: 'must be a duration such as 15m, 1h, 2 days or 3 workdays',
    de: 'muss eine Dauer wie 15m, 1h, 2 days oder 3 workdays sein',
  },
  'schema.timeOfDayPattern': {
    en: 'must be a time of day as HH:mm, such as 09:30',
    de: 'muss eine Uhrzeit im Format HH:mm sein, etwa 09:30',
  },
  'schema.factPathPattern': {
    en: 'must be a dotted path such as deal.amount or company.renewal_date',
    de: 'muss ein Pfad mit Punkten sein, etwa deal.amount oder company.renewal_date',
  },
  'schema.ruleIdPattern': {
    en: 'must contain only lowercase letters, digits and hyphens, such as deal-won-onboard',
    de: 'darf nur Kleinbuchstaben, Ziffern und Bindestriche enthalten, etwa deal-won-onboard',
  },
  'hint.didYouMean': {
    en: 'Did you mean "{suggestion}"? ',
    de: 'Meintest du "{suggestion}"? ',
  },
  RULE_ID_DUPLICATE: {
    en: 'Rule id "{id}" is also used by the rule at {otherFile}:{otherLine}:{otherCol}.',
    de: 'Die Regel-ID "{id}" hat auch die Regel in {otherFile}:{otherLine}:{otherCol}.',
  },
  'RULE_ID_DUPLICATE.hint': {
    en: 'Rule ids must be unique across all rule files, because task keys are built from them. Rename one of the rules.',
    de: 'Regel-IDs müssen über alle Regeldateien eindeutig sein, weil die Aufgabenschlüssel aus ihnen entstehen. Benenne eine der Regeln um.',
  },
  TASK_TYPE_UNKNOWN: {
    en: 'Unknown task type "{type}".',
    de: 'Unbekannter Aufgabentyp "{type}".',
  },
  'TASK_TYPE_UNKNOWN.hint': {
    en: '{didYouMean}Known task types: {known}. Case does not matter.',
    de: '{didYouMean}Bekannte Aufgabentypen: {known}. Groß- und Kleinschreibung spielt keine Rolle.',
  },
  STAGE_UNKNOWN: {
    en: 'Stage "{stage}" not found in {pipelines}.',
    de: 'Phase "{stage}" nicht gefunden in {pipelines}.',
  },
  'STAGE_UNKNOWN.hint': {
    en: '{didYouMean}Known stages: {known}.',
    de: '{didYouMean}Bekannte Phasen: {known}.',
  },
  PIPELINE_UNKNOWN: {
    en: 'Pipeline "{pipeline}" not found.',
    de: 'Pipeline "{pipeline}" nicht gefunden.',
  },
  'PIPELINE_UNKNOWN.hint': {
    en: '{didYouMean}Known pipelines: {known}.',
    de: '{didYouMean}Bekannte Pipelines: {known}.',
  },
  TIMEZONE_INVALID: {
    en: '"{timezone}" is not a valid IANA time zone.',
    de: '"{timezone}" ist keine gültige IANA-Zeitzone.',
  },
  'TIMEZONE_INVALID.hint': {
    en: 'Use a name from the IANA time zone database, such as Europe/Berlin or UTC.',
    de: 'Verwende einen Namen aus der IANA-Zeitzonendatenbank, etwa Europe/Berlin oder UTC.',
  },
  DURATION_INVALID: {
    en: 'Invalid duration "{value}".',
    de: 'Ungültige Dauer "{value}".',
  },
  'DURATION_INVALID.hint': {
    en: 'Write a whole number and a unit (15m, 1h, 2 days, 3 workdays, 1 week), longer than zero and at most 10 years. Workdays only work in due.',
    de: 'Schreibe eine ganze Zahl und eine Einheit (15m, 1h, 2 days, 3 workdays, 1 week), länger als null und höchstens 10 Jahre. Arbeitstage (workdays) gehen nur in due.',
  },
  TIME_OF_DAY_INVALID: {
    en: 'Invalid time of day "{value}".',
    de: 'Ungültige Uhrzeit "{value}".',
  },
  'TIME_OF_DAY_INVALID.hint': {
    en: 'Use HH:mm on a 24-hour clock, from 00:00 to 23:59.',
    de: 'Verwende HH:mm im 24-Stunden-Format, von 00:00 bis 23:59.',
  },
  DUE_FIELD_WRONG_RECORD: {
    en: 'due.on reads "{field}", but this rule looks at {record} records.',
    de: 'due.on liest "{field}", aber diese Regel betrachtet Datensätze vom Typ {record}.',
  },
  'DUE_FIELD_WRONG_RECORD.hint': {
    en: 'Start the path with one of: {allowed}. For example {record}.renewal_date.',
    de: 'Beginne den Pfad mit einem von: {allowed}. Zum Beispiel {record}.renewal_date.',
  },
  TEMPLATE_SYNTAX: {
    en: 'Invalid template in {field}: {detail}',
    de: 'Ungültige Vorlage in {field}: {detail}',
  },
  'TEMPLATE_SYNTAX.hint': {
    en: "Templates are Liquid: {{ deal.name }}, {{ deal.amount | money: 'EUR' }}, {{ company.renewal_date | localdate }}, {{ x | default: 'none' }}. Files cannot be included.",
    de: "Vorlagen sind Liquid: {{ deal.name }}, {{ deal.amount | money: 'EUR' }}, {{ company.renewal_date | localdate }}, {{ x | default: 'none' }}. Dateien lassen sich nicht einbinden.",
  },
  TEMPLATE_VARIABLE_UNKNOWN: {
    en: 'Unknown variable "{variable}" in {field}.',
    de: 'Unbekannte Variable "{variable}" in {field}.',
  },
  'TEMPLATE_VARIABLE_UNKNOWN.hint': {
    en: '{didYouMean}Templates of this rule can use: {allowed}.',
    de: '{didYouMean}Vorlagen dieser Regel können verwenden: {allowed}.',
  },
  CONDITION_FACT_UNKNOWN: {
    en: 'Unknown fact "{fact}".',
    de: 'Unbekannter Fakt "{fact}".',
  },
  'CONDITION_FACT_UNKNOWN.hint': {
    en: '{didYouMean}Facts of this rule start with one of: {allowed}.',
    de: '{didYouMean}Fakten dieser Regel beginnen mit einem von: {allowed}.',
  },
  TEMPLATE_PROTOTYPE_ACCESS: {
    en: '"{variable}" in {field} reads "{segment}", which rules must not access.',
    de: '"{variable}" in {field} liest "{segment}", worauf Regeln nicht zugreifen dürfen.',
  },
  'TEMPLATE_PROTOTYPE_ACCESS.hint': {
    en: 'Read record fields by their names; __proto__, constructor and prototype are blocked.',
    de: 'Lies Felder von Datensätzen über ihre Namen; __proto__, constructor und prototype sind gesperrt.',
  },
  LOYALTY_EVENT_EMPTY: {
    en: 'loyaltyEvent.event lists no event types, so the rule would never fire.',
    de: 'loyaltyEvent.event nennt keine Ereignistypen, die Regel würde also nie auslösen.',
  },
  'LOYALTY_EVENT_EMPTY.hint': {
    en: 'Name at least one event type, such as tier_changed.',
    de: 'Nenne mindestens einen Ereignistyp, etwa tier_changed.',
  },

  LOYALTY_EVENT_UNKNOWN: {
    en: 'No loyalty event of type "{event}" appears in the events source.',
    de: 'In der Ereignisquelle kommt kein Loyalty-Ereignis vom Typ "{event}" vor.',
  },
  'LOYALTY_EVENT_UNKNOWN.hint': {
    en: '{didYouMean}Event types seen: {known}. Ignore this warning for a type that simply has not happened yet.',
    de: '{didYouMean}Bisher gesehene Ereignistypen: {known}. Bei einem Typ, der nur noch nicht vorkam, kannst du diese Warnung ignorieren.',
  },
  CONDITION_VALUE_NOT_NUMBER: {
    en: 'Operator {operator} compares numbers, but the value "{value}" is not a number.',
    de: 'Der Operator {operator} vergleicht Zahlen, aber der Wert "{value}" ist keine Zahl.',
  },
  'CONDITION_VALUE_NOT_NUMBER.hint': {
    en: 'Write a number such as 5000; numbers stored as text in records are read as numbers. Compare dates with dateBefore or dateAfter, and text with equal or in.',
    de: 'Schreibe eine Zahl wie 5000; als Text gespeicherte Zahlen in Datensätzen werden als Zahlen gelesen. Vergleiche Datumswerte mit dateBefore oder dateAfter und Text mit equal oder in.',
  },
  CONDITION_VALUE_NOT_DATE: {
    en: 'Operator {operator} compares dates, but the value "{value}" is not a date.',
    de: 'Der Operator {operator} vergleicht Datumswerte, aber der Wert "{value}" ist kein Datum.',
  },
  'CONDITION_VALUE_NOT_DATE.hint': {
    en: 'Write YYYY-MM-DD, an ISO time with an offset such as 2026-12-01T09:00:00+01:00, now, today, or another fact as { fact: company.renewal_date }.',
    de: 'Schreibe YYYY-MM-DD, einen ISO-Zeitpunkt mit Zeitzone wie 2026-12-01T09:00:00+01:00, now, today oder einen anderen Fakt als { fact: company.renewal_date }.',
  },
  CONDITION_NOT_OVER_TYPED: {
    en: '"not" wraps {fact} {operator}, which is false when the value is missing, so the negation would hold for every record without it.',
    de: '"not" umschließt {fact} {operator}, was bei fehlendem Wert falsch ist; die Verneinung träfe also auf jeden Datensatz ohne diesen Wert zu.',
  },
  'CONDITION_NOT_OVER_TYPED.hint': {
    en: 'Use the opposite operator instead of not: lessThanInclusive instead of not greaterThan, dateAfter instead of not dateBefore.',
    de: 'Verwende statt not den gegenteiligen Operator: lessThanInclusive statt not greaterThan, dateAfter statt not dateBefore.',
  },
  FACT_PATH_BELOW_VALUE: {
    en: '"{path}" reads below {root}, which is a single value without fields.',
    de: '"{path}" liest unterhalb von {root}, das ein einzelner Wert ohne Felder ist.',
  },
  'FACT_PATH_BELOW_VALUE.hint': {
    en: 'Use {root} on its own.',
    de: 'Verwende {root} allein.',
  },
  FACT_PATH_NEEDS_INDEX: {
    en: '"{path}" reads a field of {root}, which is a list of records, so it would always be empty.',
    de: '"{path}" liest ein Feld von {root}, das eine Liste von Datensätzen ist; der Wert wäre also immer leer.',
  },
  'FACT_PATH_NEEDS_INDEX.hint': {
    en: 'Pick one record by its position, such as {example}. Templates also take .first and .last, or a for loop.',
    de: 'Wähle einen Datensatz über seine Position, etwa {example}. Vorlagen kennen außerdem .first und .last oder eine for-Schleife.',
  },
  FACT_FIELD_UNKNOWN: {
    en: '"{path}": {root} has no field "{field}".',
    de: '"{path}": {root} hat kein Feld "{field}".',
  },
  'FACT_FIELD_UNKNOWN.hint': {
    en: '{didYouMean}Fields of {root}: {known}.',
    de: '{didYouMean}Felder von {root}: {known}.',
  },
  ATTRIBUTE_UNKNOWN: {
    en: '"{path}": no {record} in the account data has the attribute "{field}".',
    de: '"{path}": kein Datensatz vom Typ {record} in den Kontodaten hat das Attribut "{field}".',
  },
  'ATTRIBUTE_UNKNOWN.hint': {
    en: "{didYouMean}Brevo leaves out attributes that are empty, so ignore this warning if no record has a value yet. Records without the attribute fail a template unless it says | default: ''.",
    de: "{didYouMean}Brevo lässt leere Attribute weg; ignoriere diese Warnung, wenn noch kein Datensatz einen Wert hat. Datensätze ohne das Attribut lassen eine Vorlage scheitern, außer sie enthält | default: ''.",
  },
  ASSIGNEE_INVALID: {
    en: 'Assignee "{value}" is neither an email address nor a Brevo user id.',
    de: 'Der Bearbeiter "{value}" ist weder eine E-Mail-Adresse noch eine Brevo-Benutzer-ID.',
  },
  'ASSIGNEE_INVALID.hint': {
    en: 'Write a user\'s email (revops@example.com), a 24-hex user id, or a template such as {{ deal.owner }}.',
    de: 'Schreibe die E-Mail eines Benutzers (revops@example.com), eine 24-stellige Hex-Benutzer-ID oder eine Vorlage wie {{ deal.owner }}.',
  },
  ASSIGNEE_UNREACHABLE: {
    en: 'Assignee "{value}" comes after "{fixed}", which always resolves, so it is never used.',
    de: 'Der Bearbeiter "{value}" steht nach "{fixed}", das immer greift; er wird also nie verwendet.',
  },
  'ASSIGNEE_UNREACHABLE.hint': {
    en: 'Put a fixed address last, as the final fallback, or remove the entries after it.',
    de: 'Setze eine feste Adresse als letzte Ersatzlösung ans Ende oder entferne die Einträge danach.',
  },
  DUE_AT_CONFLICT: {
    en: 'due.at "{at}" does not combine with in: {in}, which counts minutes or hours and so already fixes the time.',
    de: 'due.at "{at}" passt nicht zu in: {in}, das Minuten oder Stunden zählt und die Uhrzeit damit schon festlegt.',
  },
  'DUE_AT_CONFLICT.hint': {
    en: 'Count in days or workdays to set a time of day (in: 1 day, at: "09:00"), or remove at.',
    de: 'Zähle in Tagen oder Arbeitstagen, um eine Uhrzeit festzulegen (in: 1 day, at: "09:00"), oder entferne at.',
  },
  RULE_TASK_OVERLAP: {
    en: 'Rule "{id}" creates the same task as rule "{otherId}" at {otherFile}:{otherLine}:{otherCol}: same trigger, task type and name. A record that meets both gets the task twice.',
    de: 'Die Regel "{id}" legt dieselbe Aufgabe an wie die Regel "{otherId}" in {otherFile}:{otherLine}:{otherCol}: gleicher Auslöser, Aufgabentyp und Name. Ein Datensatz, der beide erfüllt, bekommt die Aufgabe doppelt.',
  },
  'RULE_TASK_OVERLAP.hint': {
    en: 'Merge the two rules, rename one of the tasks, or give the rules conditions that exclude each other.',
    de: 'Führe die beiden Regeln zusammen, benenne eine der Aufgaben um oder gib den Regeln Bedingungen, die sich ausschließen.',
  },

  STAGE_IN_SEVERAL_PIPELINES: {
    en: 'Stage "{stage}" exists in {pipelines}; without a pipeline the rule fires in each of them.',
    de: 'Die Phase "{stage}" gibt es in {pipelines}; ohne Pipeline feuert die Regel in jeder davon.',
  },
  'STAGE_IN_SEVERAL_PIPELINES.hint': {
    en: 'Add pipeline: <name> to the trigger, or leave it out on purpose to watch all of them.',
    de: 'Ergänze pipeline: <Name> im Auslöser, oder lass es bewusst weg, um alle zu beobachten.',
  },

  // --- source ------------------------------------------------------------
  SOURCE_DIR_MISSING: {
    en: 'Data directory {dir} does not exist. Pass --data with a directory of Brevo API responses.',
    de: 'Datenverzeichnis {dir} existiert nicht. Gib mit --data ein Verzeichnis mit Brevo-API-Antworten an.',
  },
  SOURCE_FILE_MISSING: {
    en: 'Required file {file} is missing from the data directory.',
    de: 'Die Pflichtdatei {file} fehlt im Datenverzeichnis.',
  },
  SOURCE_FILE_INVALID: {
    en: '{file} is not valid JSON: {detail}',
    de: '{file} ist kein gültiges JSON: {detail}',
  },
  SOURCE_FILE_SHAPE: {
    en: '{file} does not have the shape Brevo returns; expected {expected}.',
    de: '{file} hat nicht die Form, die Brevo liefert; erwartet wird {expected}.',
  },
  RECORD_INVALID: {
    en: 'Skipped {kind} {id}: field {field} is missing or not in the shape Brevo returns.',
    de: '{kind} {id} übersprungen: Feld {field} fehlt oder hat nicht die Form, die Brevo liefert.',
  },
  EVENT_INVALID: {
    en: 'Skipped line {line} of {file}: not an event with id, type and occurredAt.',
    de: 'Zeile {line} von {file} übersprungen: kein Ereignis mit id, type und occurredAt.',
  },
  SOURCE_BREVO_AUTH: {
    en: 'Brevo rejected the API key (HTTP {status}: {detail}). Set BREVO_API_KEY to a valid API key of the account.',
    de: 'Brevo hat den API-Schlüssel abgelehnt (HTTP {status}: {detail}). Setze BREVO_API_KEY auf einen gültigen API-Schlüssel des Kontos.',
  },
  SOURCE_BREVO_FAILED: {
    en: 'Reading {method} {path} from Brevo failed: {detail}. Nothing was planned or sent; run the command again later.',
    de: 'Das Lesen von {method} {path} bei Brevo ist fehlgeschlagen: {detail}. Es wurde nichts geplant oder gesendet; führe den Befehl später erneut aus.',
  },
  SOURCE_BREVO_SHAPE: {
    en: "Brevo's response to {path} does not have the expected shape {expected}.",
    de: 'Die Antwort von Brevo auf {path} hat nicht die erwartete Form {expected}.',
  },
  SOURCE_BREVO_PAGING: {
    en: 'Brevo returned the same records again while paging through {path}, so reading stopped instead of looping forever.',
    de: 'Brevo hat beim Blättern durch {path} dieselben Datensätze erneut geliefert, daher wurde das Lesen abgebrochen statt endlos weiterzulaufen.',
  },
  'source.error.none': {
    en: 'No record source given. Pass --data DIR (for example --data examples/crm) or --brevo.',
    de: 'Keine Datenquelle angegeben. Gib --data VERZEICHNIS (zum Beispiel --data examples/crm) oder --brevo an.',
  },
  'source.error.both': {
    en: '--data and --brevo cannot be used together. Pass one of them.',
    de: '--data und --brevo lassen sich nicht zusammen verwenden. Gib nur eine der beiden Optionen an.',
  },
  'source.error.timeoutInvalid': {
    en: 'FOLLOWUP_REQUEST_TIMEOUT "{value}" is not a duration such as 30s or 2m.',
    de: 'FOLLOWUP_REQUEST_TIMEOUT "{value}" ist keine Dauer wie 30s oder 2m.',
  },
  'cli.option.brevo': {
    en: 'read records from the live Brevo account (BREVO_API_KEY, BREVO_API_URL); only what changed since the last apply is fetched',
    de: 'Datensätze aus dem Brevo-Konto lesen (BREVO_API_KEY, BREVO_API_URL); geholt wird nur, was sich seit dem letzten Apply geändert hat',
  },
  'cli.option.fullSync': {
    en: 'with --brevo: read every record, not only the changed ones, and forget records Brevo no longer has',
    de: 'mit --brevo: alle Datensätze lesen, nicht nur geänderte, und Datensätze vergessen, die Brevo nicht mehr hat',
  },
  'cli.snapshot.description': {
    en: 'Write a data directory (the --data format) from the live Brevo account.',
    de: 'Schreibt ein Datenverzeichnis (das Format von --data) aus dem Brevo-Konto.',
  },
  'cli.option.snapshotOut': {
    en: 'directory to write deals.json, companies.json, contacts.json, pipelines.json, tasktypes.json, tasks.json and snapshot.json to',
    de: 'Verzeichnis, in das deals.json, companies.json, contacts.json, pipelines.json, tasktypes.json, tasks.json und snapshot.json geschrieben werden',
  },
  'snapshot.written': {
    en: 'Wrote {deals} deals, {companies} companies, {contacts} contacts, {tasks} tasks, {pipelines} pipelines and {taskTypes} task types to {dir} ({requests} API requests).',
    de: '{deals} Deals, {companies} Unternehmen, {contacts} Kontakte, {tasks} Aufgaben, {pipelines} Pipelines und {taskTypes} Aufgabentypen nach {dir} geschrieben ({requests} API-Anfragen).',
  },

  // --- evaluate and plan -------------------------------------------------
  RECORD_STAGE_UNKNOWN: {
    en: 'Deal {id} is in stage "{stage}", which no pipeline lists; the deal was skipped.',
    de: 'Deal {id} steht in Phase "{stage}", die keine Pipeline kennt; der Deal wurde übersprungen.',
  },
  RECORD_DATE_INVALID: {
    en: 'Record {id} has an unreadable date in {field}: "{value}"; it was skipped.',
    de: 'Datensatz {id} hat in {field} ein unlesbares Datum: "{value}"; er wurde übersprungen.',
  },
  EVENT_COMPANY_UNKNOWN: {
    en: 'Loyalty event {event} names company "{company}", which is not in the account; the event was skipped.',
    de: 'Loyalty-Ereignis {event} nennt das Unternehmen "{company}", das es im Konto nicht gibt; das Ereignis wurde übersprungen.',
  },
  TASK_NAME_EMPTY: {
    en: 'The task name rendered to an empty text; no task was planned.',
    de: 'Der Aufgabenname ist nach dem Einsetzen leer; es wurde keine Aufgabe geplant.',
  },
  TEMPLATE_RENDER_FAILED: {
    en: 'A template could not be filled for this record: {detail}',
    de: 'Eine Vorlage ließ sich für diesen Datensatz nicht füllen: {detail}',
  },
  ASSIGNEE_UNRESOLVED: {
    en: 'No assignee resolved ({chain}); the task was not planned rather than sent unassigned.',
    de: 'Kein Bearbeiter ermittelt ({chain}); die Aufgabe wurde nicht geplant, statt sie ohne Bearbeiter zu senden.',
  },
  'ASSIGNEE_UNRESOLVED.hint': {
    en: 'Fill the owner in Brevo or add a fallback such as revops@example.com at the end of "assignee".',
    de: 'Trage den Verantwortlichen in Brevo ein oder ergänze am Ende von "assignee" eine Ersatzadresse wie revops@example.com.',
  },
  DUE_FIELD_MISSING: {
    en: 'The due date reads {field}, which is empty for this record; no task was planned.',
    de: 'Das Fälligkeitsdatum liest {field}, das bei diesem Datensatz leer ist; es wurde keine Aufgabe geplant.',
  },
  DUE_FIELD_INVALID: {
    en: 'The due date reads {field}, whose value "{value}" is not a date; no task was planned.',
    de: 'Das Fälligkeitsdatum liest {field}, dessen Wert "{value}" kein Datum ist; es wurde keine Aufgabe geplant.',
  },
  DUE_MOVED: {
    en: 'Due date {from} lay in the past; moved to the next working slot {to}.',
    de: 'Das Fälligkeitsdatum {from} lag in der Vergangenheit; verschoben auf den nächsten Arbeitstermin {to}.',
  },
  'RECORD_STAGE_UNKNOWN.hint': {
    en: 'The stage was probably deleted in Brevo. Move the deal to an existing stage, or take a fresh snapshot if pipelines.json is out of date.',
    de: 'Die Phase wurde vermutlich in Brevo gelöscht. Verschiebe den Deal in eine bestehende Phase oder erstelle einen neuen Snapshot, falls pipelines.json veraltet ist.',
  },
  'RECORD_DATE_INVALID.hint': {
    en: 'Dates must be YYYY-MM-DD or an ISO-8601 time with an offset, such as 2026-12-01T09:00:00+01:00. Correct the value in Brevo.',
    de: 'Datumswerte müssen YYYY-MM-DD oder ein ISO-8601-Zeitpunkt mit Zeitzone sein, etwa 2026-12-01T09:00:00+01:00. Korrigiere den Wert in Brevo.',
  },
  'EVENT_COMPANY_UNKNOWN.hint': {
    en: 'Check companyId in the event source. The company may have been deleted, or the snapshot may be older than the event.',
    de: 'Prüfe companyId in der Ereignisquelle. Das Unternehmen wurde vielleicht gelöscht, oder der Snapshot ist älter als das Ereignis.',
  },
  EVENT_CONTACT_WITHOUT_COMPANY: {
    en: 'Loyalty event {event} names only contact {contact}, who belongs to no company in the account; the event was skipped.',
    de: 'Loyalty-Ereignis {event} nennt nur den Kontakt {contact}, der zu keinem Unternehmen im Konto gehört; das Ereignis wurde übersprungen.',
  },
  'EVENT_CONTACT_WITHOUT_COMPANY.hint': {
    en: 'Link the contact to a company in Brevo, or send companyId with the event.',
    de: 'Verknüpfe den Kontakt in Brevo mit einem Unternehmen oder sende companyId mit dem Ereignis.',
  },
  'TASK_NAME_EMPTY.hint': {
    en: "Give task.name some fixed text beside the variables, or a default such as {{ deal.name | default: 'Deal' }}.",
    de: "Gib task.name neben den Variablen festen Text oder einen Ersatzwert wie {{ deal.name | default: 'Deal' }}.",
  },
  'TEMPLATE_RENDER_FAILED.hint': {
    en: "Add a default for values that some records lack, such as {{ company.loyalty_tier | default: 'none' }}.",
    de: "Ergänze einen Ersatzwert für Werte, die manchen Datensätzen fehlen, etwa {{ company.loyalty_tier | default: 'none' }}.",
  },
  ASSIGNEE_FALLBACK: {
    en: 'Assigned to the fallback {assignee}, because {skipped} gave no user.',
    de: 'Der Ersatz {assignee} bekommt die Aufgabe, weil {skipped} keinen Benutzer ergab.',
  },
  'ASSIGNEE_FALLBACK.hint': {
    en: 'Fill in the empty field in Brevo if the task should go to that person instead.',
    de: 'Fülle das leere Feld in Brevo aus, wenn die Aufgabe stattdessen an diese Person gehen soll.',
  },
  'DUE_FIELD_MISSING.hint': {
    en: 'Fill in the date in Brevo, or add a condition that skips records without it.',
    de: 'Trage das Datum in Brevo ein oder ergänze eine Bedingung, die Datensätze ohne Datum auslässt.',
  },
  'DUE_FIELD_INVALID.hint': {
    en: 'Dates must be YYYY-MM-DD or an ISO-8601 time with an offset. Correct the value in Brevo.',
    de: 'Datumswerte müssen YYYY-MM-DD oder ein ISO-8601-Zeitpunkt mit Zeitzone sein. Korrigiere den Wert in Brevo.',
  },
  'DUE_MOVED.hint': {
    en: 'This happens when a run notices an occurrence late, for example on a first run. Nothing to do unless the task should be due later.',
    de: 'Das passiert, wenn ein Lauf ein Ereignis spät bemerkt, etwa beim ersten Lauf. Nichts zu tun, außer die Aufgabe soll später fällig sein.',
  },
  RULE_TASK_LIMIT_EXCEEDED: {
    en: 'Rule {rule} would create {count} tasks in this run, more than its maxTasksPerRun of {limit}, so it creates none of them.',
    de: 'Die Regel {rule} würde in diesem Lauf {count} Aufgaben anlegen, mehr als ihr maxTasksPerRun von {limit}; sie legt daher keine davon an.',
  },
  'RULE_TASK_LIMIT_EXCEEDED.hint': {
    en: "Check the rule's trigger and conditions. If so many tasks are intended, raise maxTasksPerRun on the rule or in the file's defaults.",
    de: 'Prüfe Auslöser und Bedingungen der Regel. Wenn so viele Aufgaben gewollt sind, erhöhe maxTasksPerRun an der Regel oder in den defaults der Datei.',
  },
  'plan.heading': { en: 'Plan as of {now}', de: 'Plan zum Stand {now}' },
  'plan.empty': { en: 'No tasks to create.', de: 'Keine Aufgaben anzulegen.' },
  'plan.problems': { en: 'Problems ({count}):', de: 'Probleme ({count}):' },
  'plan.adjustments': { en: 'Notes on planned tasks ({count}):', de: 'Hinweise zu geplanten Aufgaben ({count}):' },
  'plan.summary': {
    en: '{create} to create, {exists} already exist, {skip} skipped, {problems} problems; {rules} rules over {records} records. Apply needs {requests} API requests.',
    de: '{create} anzulegen, {exists} bereits vorhanden, {skip} übersprungen, {problems} Probleme; {rules} Regeln über {records} Datensätze. Apply braucht {requests} API-Anfragen.',
  },
  'plan.column.action': { en: 'Action', de: 'Aktion' },
  'plan.column.rule': { en: 'Rule', de: 'Regel' },
  'plan.column.record': { en: 'Record', de: 'Datensatz' },
  'plan.column.task': { en: 'Task', de: 'Aufgabe' },
  'plan.column.type': { en: 'Type', de: 'Typ' },
  'plan.column.due': { en: 'Due', de: 'Fällig' },
  'plan.column.assignee': { en: 'Assignee', de: 'Bearbeiter' },
  'plan.action.create': { en: 'create', de: 'anlegen' },
  'plan.action.exists': { en: 'exists', de: 'vorhanden' },
  'plan.action.skip': { en: 'skip', de: 'auslassen' },

  // --- execute -----------------------------------------------------------
  'outbox.waiting': {
    en: 'Left in the outbox by earlier runs ({count}); apply sends these first:',
    de: 'Von früheren Läufen im Postausgang ({count}); Apply sendet diese zuerst:',
  },
  'outbox.rejected': {
    en: 'Rejected by Brevo ({count}). A task goes out again when a later plan creates it again; until then it waits for you: `followup outbox retry KEY` sends it again, `followup outbox drop KEY` gives it up.',
    de: 'Von Brevo abgelehnt ({count}). Eine Aufgabe geht erneut hinaus, wenn ein späterer Plan sie wieder anlegt; bis dahin wartet sie auf dich: `followup outbox retry KEY` sendet sie erneut, `followup outbox drop KEY` gibt sie auf.',
  },
  'outbox.column.status': { en: 'Status', de: 'Status' },
  'outbox.column.key': { en: 'Key', de: 'Schlüssel' },
  'outbox.column.answer': { en: "Brevo's answer", de: 'Antwort von Brevo' },
  'outbox.status.pending': { en: 'pending', de: 'wartend' },
  'outbox.status.sending': { en: 'unconfirmed', de: 'unbestätigt' },
  'outbox.status.failed': { en: 'rejected', de: 'abgelehnt' },
  'outbox.unconfirmedNote': {
    en: 'Unconfirmed tasks were sent without an answer from Brevo; apply looks them up in Brevo before it sends them again.',
    de: 'Unbestätigte Aufgaben wurden ohne Antwort von Brevo gesendet; Apply sucht sie in Brevo, bevor es sie erneut sendet.',
  },
  'outbox.empty': { en: 'The outbox is empty: every planned task has reached Brevo.', de: 'Der Postausgang ist leer: Jede geplante Aufgabe ist in Brevo angekommen.' },
  'outbox.retried': {
    en: 'Sent again by the next apply ({count}): {keys}',
    de: 'Wird beim nächsten Apply erneut gesendet ({count}): {keys}',
  },
  'outbox.dropped': {
    en: 'Dropped for good ({count}); no later plan creates them: {keys}',
    de: 'Endgültig aufgegeben ({count}); kein späterer Plan legt sie an: {keys}',
  },
  'outbox.noStore': {
    en: 'There is no state store at {state}, so no apply has used it yet. Pass --state with the store apply uses.',
    de: 'Unter {state} gibt es keinen Zustandsspeicher; kein Apply hat ihn bisher benutzt. Gib mit --state den Speicher an, den Apply benutzt.',
  },
  'outbox.error.unknownAction': {
    en: 'Unknown outbox action "{action}". Use list, retry or drop.',
    de: 'Unbekannte Postausgang-Aktion "{action}". Verwende list, retry oder drop.',
  },
  'outbox.error.unknownKeys': { en: 'Not in the outbox: {keys}', de: 'Nicht im Postausgang: {keys}' },
  'outbox.error.notRejected': {
    en: 'Not rejected, so already on their way with the next apply: {keys}',
    de: 'Nicht abgelehnt, gehen also ohnehin mit dem nächsten Apply hinaus: {keys}',
  },
  'outbox.error.unconfirmed': {
    en: 'Cannot drop {keys}: sent without a confirmation, so Brevo may have stored the task. Run apply first, which looks for it in Brevo.',
    de: '{keys} lässt sich nicht aufgeben: ohne Bestätigung gesendet, Brevo hat die Aufgabe also womöglich gespeichert. Führe zuerst Apply aus, das in Brevo danach sucht.',
  },
  'outbox.error.keysNeeded': {
    en: 'Name the keys to drop, or pass --all-rejected.',
    de: 'Nenne die Schlüssel, die aufgegeben werden sollen, oder gib --all-rejected an.',
  },
  'apply.outcome.created': { en: 'created', de: 'angelegt' },
  'apply.outcome.adopted': { en: 'adopted', de: 'übernommen' },
  'apply.outcome.failed': { en: 'failed', de: 'fehlgeschlagen' },
  'apply.outcome.pending': { en: 'pending', de: 'ausstehend' },
  'apply.outcome.skipped': { en: 'skipped', de: 'ausgelassen' },
  'apply.stopped.auth': {
    en: 'Stopped: Brevo rejected the API key ({detail}). Check BREVO_API_KEY.',
    de: 'Abgebrochen: Brevo hat den API-Schlüssel abgelehnt ({detail}). Prüfe BREVO_API_KEY.',
  },
  'apply.stopped.requests': {
    en: 'Stopped: the budget of {limit} API requests for this run is spent. The remaining tasks stay in the outbox and go first in the next run.',
    de: 'Angehalten: Das Budget von {limit} API-Anfragen für diesen Lauf ist aufgebraucht. Die übrigen Aufgaben bleiben im Postausgang und gehen im nächsten Lauf zuerst hinaus.',
  },
  'apply.stopped.duration': {
    en: 'Stopped: the time budget of {limit} for this run is spent. The remaining tasks stay in the outbox and go first in the next run.',
    de: 'Angehalten: Das Zeitbudget von {limit} für diesen Lauf ist aufgebraucht. Die übrigen Aufgaben bleiben im Postausgang und gehen im nächsten Lauf zuerst hinaus.',
  },
  'apply.stopped.requestsDuringRead': {
    en: 'Stopped: the budget of {limit} API requests ran out while reading the account, before anything was planned or sent. Reading this account takes more requests than that, so every run with this budget stops at the same point: raise --max-requests.',
    de: 'Angehalten: Das Budget von {limit} API-Anfragen war aufgebraucht, während das Konto gelesen wurde, bevor etwas geplant oder gesendet war. Das Lesen dieses Kontos braucht mehr Anfragen, daher hält jeder Lauf mit diesem Budget an derselben Stelle an: Erhöhe --max-requests.',
  },
  'apply.stopped.durationDuringRead': {
    en: 'Stopped: the time budget of {limit} ran out while reading the account, before anything was planned or sent. Reading this account at its rate limit takes longer than that, so every run with this budget stops at the same point: raise --max-duration.',
    de: 'Angehalten: Das Zeitbudget von {limit} war abgelaufen, während das Konto gelesen wurde, bevor etwas geplant oder gesendet war. Das Lesen dieses Kontos dauert bei seinem Rate-Limit länger, daher hält jeder Lauf mit diesem Budget an derselben Stelle an: Erhöhe --max-duration.',
  },
  'apply.stopped.signalDuringLockWait': {
    en: "Stopped on request while waiting for another run's lock. Nothing was sent.",
    de: 'Auf Anforderung angehalten, während auf die Sperre eines anderen Laufs gewartet wurde. Nichts wurde gesendet.',
  },
  'apply.stopped.durationWait.rateLimit': {
    en: "Stopped: the run would have had to wait {wait} for Brevo's rate-limit window to reset, which ends after its time budget of {limit}. The remaining tasks stay in the outbox and go first in the next run.",
    de: 'Angehalten: Der Lauf hätte {wait} warten müssen, bis das Rate-Limit-Fenster von Brevo zurückgesetzt ist, länger als sein Zeitbudget von {limit} reicht. Die übrigen Aufgaben bleiben im Postausgang und gehen im nächsten Lauf zuerst hinaus.',
  },
  'apply.stopped.durationWait.retry': {
    en: 'Stopped: the run would have had to wait {wait} before retrying a failed request (as Brevo asked, or as backoff), which ends after its time budget of {limit}. The remaining tasks stay in the outbox and go first in the next run.',
    de: 'Angehalten: Der Lauf hätte {wait} warten müssen, bevor er eine fehlgeschlagene Anfrage wiederholt (wie von Brevo verlangt oder als Backoff), länger als sein Zeitbudget von {limit} reicht. Die übrigen Aufgaben bleiben im Postausgang und gehen im nächsten Lauf zuerst hinaus.',
  },
  'apply.stopped.durationWait.settle': {
    en: 'Stopped: the run would have had to wait {wait} for an unconfirmed task to settle before looking for it in Brevo, which ends after its time budget of {limit}. The remaining tasks stay in the outbox and go first in the next run.',
    de: 'Angehalten: Der Lauf hätte {wait} warten müssen, bis sich eine unbestätigte Aufgabe gesetzt hat, bevor er sie in Brevo sucht, länger als sein Zeitbudget von {limit} reicht. Die übrigen Aufgaben bleiben im Postausgang und gehen im nächsten Lauf zuerst hinaus.',
  },
  'apply.stopped.signal': {
    en: 'Stopped on request after the task in flight. The remaining tasks stay in the outbox and go first in the next run.',
    de: 'Auf Anforderung nach der laufenden Aufgabe angehalten. Die übrigen Aufgaben bleiben im Postausgang und gehen im nächsten Lauf zuerst hinaus.',
  },
  'apply.stopped.rateLimit': {
    en: 'Stopped: Brevo kept answering 429 Too Many Requests ({detail}), although the run waited before each retry. The remaining tasks stay in the outbox for the next run.',
    de: 'Abgebrochen: Brevo hat weiter mit 429 Too Many Requests geantwortet ({detail}), obwohl der Lauf vor jeder Wiederholung gewartet hat. Die übrigen Aufgaben bleiben für den nächsten Lauf im Postausgang.',
  },
  'apply.stopped.unavailable': {
    en: 'Stopped: Brevo could not be reached or kept failing ({detail}). The remaining tasks stay in the outbox; a task whose creation was not confirmed is looked up in Brevo before it is sent again.',
    de: 'Abgebrochen: Brevo war nicht erreichbar oder hat wiederholt Fehler geliefert ({detail}). Die übrigen Aufgaben bleiben im Postausgang; eine Aufgabe, deren Anlage nicht bestätigt wurde, wird vor dem erneuten Senden in Brevo gesucht.',
  },
  'apply.summary': {
    en: '{created} created, {adopted} adopted, {exists} already existed, {skipped} skipped, {failed} failed, {pending} pending; {requests} API requests.',
    de: '{created} angelegt, {adopted} übernommen, {exists} bereits vorhanden, {skipped} ausgelassen, {failed} fehlgeschlagen, {pending} ausstehend; {requests} API-Anfragen.',
  },
  APPLY_LINKED_RECORD_MISSING: {
    en: 'Task "{task}" was skipped: Brevo answered 404 ({detail}), so a record it links no longer exists. Later runs skip this task too.',
    de: 'Aufgabe "{task}" wurde ausgelassen: Brevo hat mit 404 geantwortet ({detail}), ein verknüpfter Datensatz existiert also nicht mehr. Spätere Läufe lassen diese Aufgabe ebenfalls aus.',
  },
  APPLY_TASK_TYPE_MISSING: {
    en: 'Task "{task}" was not created: the Brevo account has no task type "{type}".',
    de: 'Aufgabe "{task}" wurde nicht angelegt: Das Brevo-Konto hat keinen Aufgabentyp "{type}".',
  },
  'APPLY_TASK_TYPE_MISSING.hint': {
    en: 'Create the task type in Brevo, or change the rule\'s task type to one the account has.',
    de: 'Lege den Aufgabentyp in Brevo an oder ändere den Aufgabentyp der Regel auf einen, den das Konto hat.',
  },
  APPLY_SKIPPED_BEFORE: {
    en: 'Skipped: an earlier apply found that Brevo no longer has a record this task links.',
    de: 'Ausgelassen: Ein früheres Apply hat festgestellt, dass Brevo einen verknüpften Datensatz dieser Aufgabe nicht mehr hat.',
  },
  'apply.estimate.fits': {
    en: "At this account's limit of {limit} requests per {window}, they fit into one rate-limit window.",
    de: 'Beim Limit dieses Kontos von {limit} Anfragen pro {window} passen sie in ein Rate-Limit-Fenster.',
  },
  'apply.estimate.takes': {
    en: "At this account's limit of {limit} requests per {window}, apply takes about {duration}.",
    de: 'Beim Limit dieses Kontos von {limit} Anfragen pro {window} dauert Apply etwa {duration}.',
  },
  'apply.estimate.fitsDocumented': {
    en: "At Brevo's documented limit of {limit} requests per {window}, they fit into one rate-limit window (the account's own limit is known after its first apply).",
    de: 'Beim dokumentierten Brevo-Limit von {limit} Anfragen pro {window} passen sie in ein Rate-Limit-Fenster (das Limit des Kontos ist nach dem ersten Apply bekannt).',
  },
  'apply.estimate.takesDocumented': {
    en: "At Brevo's documented limit of {limit} requests per {window}, apply takes about {duration} (the account's own limit is known after its first apply).",
    de: 'Beim dokumentierten Brevo-Limit von {limit} Anfragen pro {window} dauert Apply etwa {duration} (das Limit des Kontos ist nach dem ersten Apply bekannt).',
  },
  'apply.error.locked': {
    en: 'Another followup run holds the lock on the state store {state} (process {pid}, started {since}). Nothing was sent. Run again when it has finished, or pass --lock-wait 10m to wait for it.',
    de: 'Ein anderer followup-Lauf hält die Sperre auf den Zustandsspeicher {state} (Prozess {pid}, gestartet {since}). Es wurde nichts gesendet. Starte erneut, wenn er fertig ist, oder gib --lock-wait 10m an, um auf ihn zu warten.',
  },
  'outbox.error.locked': {
    en: 'A followup run holds the lock on the state store {state} (process {pid}, started {since}), so the outbox was not changed. Try again when it has finished.',
    de: 'Ein followup-Lauf hält die Sperre auf den Zustandsspeicher {state} (Prozess {pid}, gestartet {since}), daher wurde der Postausgang nicht geändert. Versuche es erneut, wenn er fertig ist.',
  },
  'apply.error.durationInvalid': {
    en: '"{value}" is not a duration such as 90s, 15m or 2h.',
    de: '"{value}" ist keine Dauer wie 90s, 15m oder 2h.',
  },
  'apply.error.durationZero': {
    en: '"{value}" is zero, so nothing could be sent. Give a duration longer than zero, such as 90s, 15m or 2h, or leave the option out for no limit.',
    de: '"{value}" ist null, dann ließe sich nichts senden. Gib eine Dauer größer als null an, etwa 90s, 15m oder 2h, oder lass die Option weg, um ohne Grenze zu laufen.',
  },
  'cli.option.maxDuration': {
    en: 'stop sending after this time, such as 10m or 1h; the rest waits in the outbox',
    de: 'nach dieser Zeit, etwa 10m oder 1h, nichts mehr senden; der Rest wartet im Postausgang',
  },
  'cli.option.lockWait': {
    en: 'when another run holds the state store, wait this long for it (such as 30s or 10m) instead of exiting',
    de: 'wenn ein anderer Lauf den Zustandsspeicher hält, so lange auf ihn warten (etwa 30s oder 10m), statt sich zu beenden',
  },

  // --- report and cli ----------------------------------------------------
  'severity.error': { en: 'error', de: 'Fehler' },
  'severity.warning': { en: 'warning', de: 'Warnung' },
  'hint.prefix': { en: 'hint:', de: 'Tipp:' },
  'cli.run.everyTooShort': {
    en: '--every must be at least 1s; got {value} ms.',
    de: '--every muss mindestens 1s sein; angegeben waren {value} ms.',
  },
  'run.summary.misconfigured': { en: 'run {run} at {at}: stopped, {error}', de: 'Lauf {run} um {at}: beendet, {error}' },
  'cli.error.writeFailed': { en: 'Cannot use {file}: {detail}', de: '{file} ist nicht nutzbar: {detail}' },
  'cli.error.stateUnusable': {
    en: 'Cannot use the state store {file}: {detail}. Pass --state with a path to a Followup state file, or to a file that does not exist yet.',
    de: 'Der Zustandsspeicher {file} ist nicht nutzbar: {detail}. Gib mit --state den Pfad einer Followup-Zustandsdatei an oder einer Datei, die es noch nicht gibt.',
  },
  'cli.error.stateHardLinks': {
    en: 'The state store {file} has {links} hard links, but Followup needs exactly one path per store: the run lock and the rollback journal are named after the path, so runs through two links could write at the same time. Delete the other links (find -samefile lists them) and run again.',
    de: 'Der Zustandsspeicher {file} hat {links} harte Links, Followup braucht aber genau einen Pfad pro Speicher: Die Laufsperre und das Rollback-Journal sind nach dem Pfad benannt, daher könnten Läufe über zwei Links gleichzeitig schreiben. Lösche die anderen Links (find -samefile listet sie auf) und starte erneut.',
  },
  'cli.error.stateHotJournal': {
    en: 'The state store {file} was left mid-write by a run that ended early, and a read-only copy of it could not be rolled back: {detail}. The next apply repairs the store from its rollback journal {file}-journal, so keep that file and run this command again after the apply.',
    de: 'Der Zustandsspeicher {file} wurde von einem vorzeitig beendeten Lauf mitten im Schreiben hinterlassen, und eine schreibgeschützte Kopie ließ sich nicht zurückrollen: {detail}. Der nächste Apply repariert den Speicher aus seinem Rollback-Journal {file}-journal. Behalte diese Datei und starte diesen Befehl nach dem Apply erneut.',
  },
  'cli.error.lockUnusable': {
    en: 'Cannot use the run lock file {file}: {detail}. The file contains no data: when no followup run is active, delete it and run again.',
    de: 'Die Sperrdatei {file} ist nicht nutzbar: {detail}. Die Datei enthält keine Daten: Wenn kein followup-Lauf aktiv ist, lösche sie und starte erneut.',
  },
  'apply.progress': { en: 'Creating tasks', de: 'Lege Aufgaben an' },
  'help.usage': { en: 'Usage:', de: 'Aufruf:' },
  'help.options': { en: 'Options:', de: 'Optionen:' },
  'help.commands': { en: 'Commands:', de: 'Befehle:' },
  'help.arguments': { en: 'Arguments:', de: 'Argumente:' },
  'help.globalOptions': { en: 'Global Options:', de: 'Globale Optionen:' },
  'help.option': { en: 'display help for command', de: 'Hilfe zum Befehl anzeigen' },
  'help.command': { en: 'display help for command', de: 'Hilfe zu einem Befehl anzeigen' },
  'help.choices': { en: 'choices: {choices}', de: 'Auswahl: {choices}' },
  'help.default': { en: 'default: {value}', de: 'Standard: {value}' },
  'cli.option.plan': {
    en: 'apply a plan saved with plan --out, refusing it if its rules or records changed since',
    de: 'einen mit plan --out gespeicherten Plan ausführen; abgelehnt, wenn sich Regeln oder Datensätze seither geändert haben',
  },
  'apply.plan.withSource': {
    en: '--plan takes its rules and records from the saved plan; leave out --data and --brevo.',
    de: '--plan nimmt Regeln und Datensätze aus dem gespeicherten Plan; lass --data und --brevo weg.',
  },
  'apply.plan.unreadable': { en: 'Cannot read the saved plan {file}.', de: 'Der gespeicherte Plan {file} lässt sich nicht lesen.' },
  'apply.plan.invalid': {
    en: '{file} is not a plan saved with followup plan --out.',
    de: '{file} ist kein mit followup plan --out gespeicherter Plan.',
  },
  'apply.plan.changed': {
    en: 'Refusing the saved plan {file}: the {changes} changed since it was saved. Run followup plan --out again and review the new plan.',
    de: 'Der gespeicherte Plan {file} wird abgelehnt: {changes} haben sich seit dem Speichern geändert. Führe followup plan --out erneut aus und prüfe den neuen Plan.',
  },
  'apply.plan.changed.rules': { en: 'rules', de: 'die Regeln' },
  'apply.plan.changed.records': { en: 'records', de: 'die Datensätze' },
  'cli.outbox.description': {
    en: 'Show the tasks waiting in the outbox, and retry or drop those Brevo rejected.',
    de: 'Zeigt die Aufgaben im Postausgang und sendet von Brevo abgelehnte erneut oder gibt sie auf.',
  },
  'cli.outbox.list': { en: 'list the outbox (the default)', de: 'den Postausgang auflisten (Standard)' },
  'cli.outbox.retry': {
    en: 'send rejected tasks again with the next apply; without keys, all of them',
    de: 'abgelehnte Aufgaben beim nächsten Apply erneut senden; ohne Schlüssel alle',
  },
  'cli.outbox.drop': {
    en: 'give up tasks for good, so that no later plan creates them',
    de: 'Aufgaben endgültig aufgeben, sodass kein späterer Plan sie anlegt',
  },
  'cli.outbox.allRejected': { en: 'drop every rejected task', de: 'alle abgelehnten Aufgaben aufgeben' },
  'cli.run.description': {
    en: 'Apply on a schedule, one run at a time, with a report per run; SIGTERM stops cleanly.',
    de: 'Führt apply nach Zeitplan aus, immer nur einen Lauf, mit Bericht pro Lauf; SIGTERM hält sauber an.',
  },
  'cli.run.every': { en: 'run every interval, such as 15m or 1h', de: 'in diesem Abstand laufen, etwa 15m oder 1h' },
  'cli.run.cron': { en: 'run on a cron schedule, such as "*/15 8-18 * * 1-5"', de: 'nach Cron-Zeitplan laufen, etwa "*/15 8-18 * * 1-5"' },
  'cli.run.tz': { en: 'IANA time zone of the cron schedule (default: the machine\'s)', de: 'IANA-Zeitzone des Cron-Zeitplans (Standard: die des Rechners)' },
  'cli.run.runs': { en: 'stop after this many runs', de: 'nach so vielen Läufen aufhören' },
  'cli.run.reportFile': {
    en: 'append one JSON line per run to this file (default: runs.jsonl beside the state store)',
    de: 'pro Lauf eine JSON-Zeile an diese Datei anhängen (Standard: runs.jsonl neben dem Zustandsspeicher)',
  },
  'cli.run.scheduleNeeded': { en: 'Give exactly one of --every and --cron.', de: 'Gib genau eine der Optionen --every und --cron an.' },
  'cli.run.cronInvalid': { en: 'Cron expression "{value}" is invalid: {detail}', de: 'Cron-Ausdruck "{value}" ist ungültig: {detail}' },
  'cli.run.cronEnded': { en: 'Cron expression "{value}" has no further run.', de: 'Cron-Ausdruck "{value}" hat keinen weiteren Termin.' },
  'run.next': { en: 'next run at {at}', de: 'nächster Lauf um {at}' },
  'run.stopped': { en: 'Stopped after a signal; nothing is lost, the outbox keeps what was not sent.', de: 'Nach einem Signal angehalten; nichts geht verloren, der Postausgang behält, was nicht gesendet wurde.' },
  'run.summary.completed': {
    en: 'run {run} at {at}: {created} created, {adopted} adopted, {exists} existed, {failed} failed, {pending} pending, {problems} problems, {requests} requests',
    de: 'Lauf {run} um {at}: {created} angelegt, {adopted} übernommen, {exists} vorhanden, {failed} fehlgeschlagen, {pending} ausstehend, {problems} Probleme, {requests} Anfragen',
  },
  'run.summary.rejected': {
    en: '; rejected tasks waiting in the outbox: {rejected} (followup outbox)',
    de: '; abgelehnte Aufgaben im Postausgang: {rejected} (followup outbox)',
  },
  'run.summary.invalidRules': { en: 'run {run} at {at}: rules are invalid, nothing was sent', de: 'Lauf {run} um {at}: Regeln ungültig, nichts gesendet' },
  'run.summary.locked': { en: 'run {run} at {at}: skipped, {error}', de: 'Lauf {run} um {at}: ausgelassen, {error}' },
  'run.summary.error': { en: 'run {run} at {at}: failed, {error}', de: 'Lauf {run} um {at}: fehlgeschlagen, {error}' },
  'cli.explain.description': {
    en: 'Explain why each rule did or did not plan a task for one record.',
    de: 'Erklärt, warum jede Regel für einen Datensatz eine Aufgabe geplant hat oder nicht.',
  },
  'cli.explain.record': { en: 'the record, as deal:<id>, company:<id> or contact:<id>', de: 'der Datensatz, als deal:<id>, company:<id> oder contact:<id>' },
  'cli.explain.badRecord': {
    en: '"{value}" is not a record; write deal:<id>, company:<id> or contact:<id>.',
    de: '"{value}" ist kein Datensatz; schreibe deal:<id>, company:<id> oder contact:<id>.',
  },
  'cli.explain.notFound': { en: 'Record {record} is not in the account.', de: 'Datensatz {record} gibt es im Konto nicht.' },
  'explain.planned.create': { en: 'plans "{name}", due {due} (key {key})', de: 'plant "{name}", fällig {due} (Schlüssel {key})' },
  'explain.planned.exists': { en: 'task "{name}" exists already (key {key})', de: 'Aufgabe "{name}" gibt es schon (Schlüssel {key})' },
  'explain.planned.skip': {
    en: 'would plan "{name}", but the rule is over its task limit (key {key})',
    de: 'würde "{name}" planen, aber die Regel liegt über ihrer Aufgabengrenze (Schlüssel {key})',
  },
  'explain.conditionFailed': {
    en: 'triggered, but the condition {fact} {operator} {expected} failed: the value is {actual}',
    de: 'ausgelöst, aber die Bedingung {fact} {operator} {expected} ist nicht erfüllt: der Wert ist {actual}',
  },
  'explain.otherKind': { en: 'looks at {kind} records, not this one', de: 'betrachtet {kind}-Datensätze, nicht diesen' },
  'explain.stageOther': {
    en: 'not triggered: the deal is in stage "{stage}", the rule waits for "{expected}"',
    de: 'nicht ausgelöst: der Deal steht in Phase "{stage}", die Regel wartet auf "{expected}"',
  },
  'explain.pipelineOther': {
    en: 'not triggered: the deal is in pipeline "{pipeline}", the rule watches "{expected}"',
    de: 'nicht ausgelöst: der Deal liegt in Pipeline "{pipeline}", die Regel beobachtet "{expected}"',
  },
  'explain.stageUnchanged': {
    en: 'not triggered: the deal was already in stage "{stage}" at the last run',
    de: 'nicht ausgelöst: der Deal stand schon beim letzten Lauf in Phase "{stage}"',
  },
  'explain.fromOther': {
    en: 'not triggered: the deal did not come from stage "{expected}"',
    de: 'nicht ausgelöst: der Deal kam nicht aus Phase "{expected}"',
  },
  'explain.fromUnknown': {
    en: 'not triggered: the previous stage is unknown before the first apply, and the rule needs "{expected}"',
    de: 'nicht ausgelöst: vor dem ersten apply ist die vorige Phase unbekannt, und die Regel verlangt "{expected}"',
  },
  'explain.outsideLookback': {
    en: 'not triggered: the deal entered its stage at {at}, before the look-back window that starts at {since}',
    de: 'nicht ausgelöst: der Deal kam am {at} in seine Phase, vor dem Rückblickfenster ab {since}',
  },
  'explain.fieldEmpty': { en: 'not triggered: {field} is empty', de: 'nicht ausgelöst: {field} ist leer' },
  'explain.dateOutside': {
    en: 'not triggered: {field} is {date}, outside the window from today to {until}',
    de: 'nicht ausgelöst: {field} ist {date}, außerhalb des Fensters von heute bis {until}',
  },
  'explain.noBaseline': {
    en: 'not triggered: no earlier value of {attribute} is known before the first apply',
    de: 'nicht ausgelöst: vor dem ersten apply ist kein früherer Wert von {attribute} bekannt',
  },
  'explain.unchanged': {
    en: 'not triggered: {attribute} is still {value}',
    de: 'nicht ausgelöst: {attribute} ist weiterhin {value}',
  },
  'explain.changeOther': {
    en: 'not triggered: {attribute} changed from {from} to {to}, which the rule does not watch',
    de: 'nicht ausgelöst: {attribute} wechselte von {from} zu {to}, was die Regel nicht beobachtet',
  },
  'explain.noEvent': {
    en: 'not triggered: no "{event}" event for this record since {since}',
    de: 'nicht ausgelöst: kein Ereignis "{event}" für diesen Datensatz seit {since}',
  },
  'explain.notDue': {
    en: 'not triggered: no interval has passed for this record yet',
    de: 'nicht ausgelöst: für diesen Datensatz ist noch kein Intervall abgelaufen',
  },
  'cli.init.description': {
    en: 'Create a starter rule file, a rule test, the schema and a CI workflow.',
    de: 'Legt eine erste Regeldatei, einen Regeltest, das Schema und einen CI-Workflow an.',
  },
  'cli.init.dir': { en: 'directory to set up', de: 'einzurichtendes Verzeichnis' },
  'cli.init.force': { en: 'overwrite files that already exist', de: 'vorhandene Dateien überschreiben' },
  'cli.init.exists': {
    en: 'Not overwriting existing files: {files}. Use --force to replace them.',
    de: 'Vorhandene Dateien werden nicht überschrieben: {files}. Mit --force werden sie ersetzt.',
  },
  'cli.init.wrote': { en: 'wrote {file}', de: '{file} geschrieben' },
  'cli.init.next': {
    en: 'Next: followup validate, then followup test, then followup plan --data DIR.',
    de: 'Weiter mit: followup validate, dann followup test, dann followup plan --data VERZEICHNIS.',
  },
  'ruletest.pass': { en: 'PASS', de: 'OK' },
  'ruletest.fail': { en: 'FAIL', de: 'FEHLER' },
  'ruletest.summary': { en: '{passed} passed, {failed} failed', de: '{passed} bestanden, {failed} fehlgeschlagen' },
  'ruletest.missing': {
    en: '{rule} for {record}: expected a task, but none was planned',
    de: '{rule} für {record}: eine Aufgabe wurde erwartet, aber keine geplant',
  },
  'ruletest.unexpected': {
    en: '{rule} for {record}: planned a task the test does not expect: "{name}"',
    de: '{rule} für {record}: eine Aufgabe geplant, die der Test nicht erwartet: "{name}"',
  },
  'ruletest.field': {
    en: '{rule} for {record}: {field} expected {expected}, got {actual}',
    de: '{rule} für {record}: {field} erwartet {expected}, erhalten {actual}',
  },
  'ruletest.reason.condition': {
    en: 'because the condition {fact} {operator} {expected} failed (actual value {actual})',
    de: 'weil die Bedingung {fact} {operator} {expected} nicht erfüllt war (tatsächlicher Wert {actual})',
  },
  'ruletest.reason.problem': { en: 'because: {detail}', de: 'weil: {detail}' },
  'ruletest.none': {
    en: 'No rule tests found in {dir}. Add YAML test files there (see README).',
    de: 'Keine Regeltests in {dir} gefunden. Lege dort YAML-Testdateien an (siehe README).',
  },
  RULE_TEST_DIR_MISSING: {
    en: 'Rule test directory {dir} does not exist.',
    de: 'Das Verzeichnis der Regeltests {dir} existiert nicht.',
  },
  RULE_TEST_INVALID: { en: 'Invalid rule test at {path}: {detail}.', de: 'Ungültiger Regeltest bei {path}: {detail}.' },
  RULE_TEST_RULE_UNKNOWN: {
    en: 'The test names rules that do not exist: {rules}.',
    de: 'Der Test nennt Regeln, die es nicht gibt: {rules}.',
  },
  'ruletest.detail.version': { en: 'version must be 1', de: 'version muss 1 sein' },
  'ruletest.detail.tests': { en: 'tests must be a non-empty list', de: 'tests muss eine nicht leere Liste sein' },
  'ruletest.detail.name': { en: 'name must be a non-empty text', de: 'name muss ein nicht leerer Text sein' },
  'ruletest.detail.now': {
    en: 'now must be an ISO-8601 time with an offset, such as 2026-12-01T08:00:00+01:00',
    de: 'now muss ein ISO-8601-Zeitpunkt mit Zeitzone sein, etwa 2026-12-01T08:00:00+01:00',
  },
  'ruletest.detail.data': { en: 'data must be a directory path', de: 'data muss ein Verzeichnispfad sein' },
  'ruletest.detail.rules': { en: 'rules must be a list of rule ids', de: 'rules muss eine Liste von Regel-IDs sein' },
  'ruletest.detail.records': {
    en: 'records may hold only the lists deals, companies, contacts, pipelines, taskTypes, tasks, loyaltyEvents',
    de: 'records darf nur die Listen deals, companies, contacts, pipelines, taskTypes, tasks, loyaltyEvents enthalten',
  },
  'ruletest.detail.seen': {
    en: 'seen maps deal, company or contact to { id: attributes }',
    de: 'seen ordnet deal, company oder contact jeweils { id: Attribute } zu',
  },
  'ruletest.detail.expect': {
    en: 'expect must be a list of tasks, or [] for "no task"',
    de: 'expect muss eine Liste von Aufgaben sein, oder [] für "keine Aufgabe"',
  },
  'ruletest.detail.rule': { en: 'rule must be a rule id', de: 'rule muss eine Regel-ID sein' },
  'ruletest.detail.record': {
    en: 'record must look like deal:<id>, company:<id> or contact:<id>',
    de: 'record muss die Form deal:<id>, company:<id> oder contact:<id> haben',
  },
  'ruletest.detail.task': { en: 'task must map task fields to expected values', de: 'task muss Aufgabenfeldern erwartete Werte zuordnen' },
  'cli.test.description': {
    en: 'Run rule tests: records and a fixed time in, expected tasks out.',
    de: 'Führt Regeltests aus: Datensätze und fester Zeitpunkt hinein, erwartete Aufgaben heraus.',
  },
  'cli.option.tests': { en: 'directory of rule test files (default: <rules>/tests)', de: 'Verzeichnis der Regeltestdateien (Standard: <rules>/tests)' },
  'plan.nearMisses': { en: 'Triggered but not planned ({count}):', de: 'Ausgelöst, aber nicht geplant ({count}):' },
  'plan.nearMiss': {
    en: '{count} × {rule}: {fact} is not {condition} (for example {example}: {actual}).',
    de: '{count} × {rule}: {fact} ist nicht {condition} (zum Beispiel {example}: {actual}).',
  },
  'plan.nearMissNegated': {
    en: '{count} × {rule}: {fact} is {condition}, which the rule excludes (for example {example}: {actual}).',
    de: '{count} × {rule}: {fact} ist {condition}, was die Regel ausschließt (zum Beispiel {example}: {actual}).',
  },
  'operator.equal': { en: '{value}', de: '{value}' },
  'operator.notEqual': { en: 'other than {value}', de: 'ungleich {value}' },
  'operator.in': { en: 'one of {value}', de: 'eines von {value}' },
  'operator.notIn': { en: 'outside {value}', de: 'außerhalb von {value}' },
  'operator.contains': { en: 'containing {value}', de: 'mit {value} darin' },
  'operator.doesNotContain': { en: 'free of {value}', de: 'ohne {value} darin' },
  'operator.lessThan': { en: 'below {value}', de: 'unter {value}' },
  'operator.lessThanInclusive': { en: 'at most {value}', de: 'höchstens {value}' },
  'operator.greaterThan': { en: 'above {value}', de: 'über {value}' },
  'operator.greaterThanInclusive': { en: 'at least {value}', de: 'mindestens {value}' },
  'operator.dateBefore': { en: 'before {value}', de: 'vor {value}' },
  'operator.dateAfter': { en: 'after {value}', de: 'nach {value}' },
  'operator.withinNextDays': { en: 'within the next {value} days', de: 'innerhalb der nächsten {value} Tage' },
  'operator.withinLastDays': { en: 'within the last {value} days', de: 'innerhalb der letzten {value} Tage' },
  'value.missing': { en: '(missing)', de: '(fehlt)' },
  'plan.zones': { en: 'Due times are shown in each rule\'s time zone: {zones}.', de: 'Fälligkeiten stehen in der Zeitzone der jeweiligen Regel: {zones}.' },
  'validate.ok': {
    en: 'Rules are valid: {rules} rules, {warnings} warnings.',
    de: 'Regeln sind gültig: {rules} Regeln, {warnings} Warnungen.',
  },
  'validate.failed': {
    en: 'Rules are invalid: {errors} errors, {warnings} warnings. Nothing was planned or sent.',
    de: 'Regeln sind ungültig: {errors} Fehler, {warnings} Warnungen. Es wurde nichts geplant oder gesendet.',
  },
  'cli.description': {
    en: 'Turn CRM events into Brevo CRM tasks, from YAML rules, exactly once.',
    de: 'Macht aus CRM-Ereignissen Brevo-CRM-Aufgaben, nach YAML-Regeln, genau einmal.',
  },
  'cli.validate.description': {
    en: 'Check rule files: schema and meaning, with file:line:col for every problem.',
    de: 'Prüft Regeldateien: Schema und Bedeutung, mit Datei:Zeile:Spalte für jedes Problem.',
  },
  'cli.plan.description': {
    en: 'Preview the tasks the rules would create (dry run; writes nothing).',
    de: 'Zeigt die Aufgaben, die die Regeln anlegen würden (Probelauf; schreibt nichts).',
  },
  'cli.apply.description': {
    en: 'Create the planned tasks in Brevo, each exactly once.',
    de: 'Legt die geplanten Aufgaben in Brevo an, jede genau einmal.',
  },
  'cli.option.lang': { en: 'language of messages: en or de (default: from the locale)', de: 'Sprache der Meldungen: en oder de (Standard: aus der Locale)' },
  'cli.option.state': {
    en: 'state store file (default: $FOLLOWUP_STATE or .followup/state.db)',
    de: 'Datei des Zustandsspeichers (Standard: $FOLLOWUP_STATE oder .followup/state.db)',
  },
  'cli.option.rules': { en: 'directory of rule files', de: 'Verzeichnis der Regeldateien' },
  'cli.option.data': { en: 'directory of Brevo API responses to read records from', de: 'Verzeichnis mit Brevo-API-Antworten, aus dem Datensätze gelesen werden' },
  'cli.option.dataCheck': {
    en: 'data directory whose task types, pipelines and stages the rules are checked against',
    de: 'Datenverzeichnis, gegen dessen Aufgabentypen, Pipelines und Phasen die Regeln geprüft werden',
  },
  'cli.option.now': {
    en: 'evaluate as of this ISO-8601 time with offset (default: the data\'s capture time)',
    de: 'zu diesem ISO-8601-Zeitpunkt mit Zeitzone auswerten (Standard: Erfassungszeit der Daten)',
  },
  'cli.option.format': { en: 'output format', de: 'Ausgabeformat' },
  'cli.option.out': { en: 'also save the plan as JSON to this file', de: 'den Plan zusätzlich als JSON in diese Datei schreiben' },
  'cli.option.detailedExitcode': {
    en: 'exit with 2 when there are tasks to create or tasks left in the outbox to send',
    de: 'mit Code 2 beenden, wenn Aufgaben anzulegen oder aus dem Postausgang zu senden sind',
  },
  'cli.option.maxRequests': {
    en: 'stop after this many Brevo API requests; the rest waits in the outbox',
    de: 'nach so vielen Brevo-API-Anfragen anhalten; der Rest wartet im Postausgang',
  },
  'cli.error.noSource': {
    en: 'No record source given. Pass --data DIR (for example --data examples/crm).',
    de: 'Keine Datenquelle angegeben. Gib --data VERZEICHNIS an (zum Beispiel --data examples/crm).',
  },
  'cli.error.rulesDirMissing': {
    en: 'Rules directory {dir} does not exist. Pass --rules DIR.',
    de: 'Regelverzeichnis {dir} existiert nicht. Gib --rules VERZEICHNIS an.',
  },
  'cli.error.apiKeyMissing': {
    en: 'BREVO_API_KEY is not set. Set it to the API key of the Brevo account the tasks go to.',
    de: 'BREVO_API_KEY ist nicht gesetzt. Setze ihn auf den API-Schlüssel des Brevo-Kontos, in dem die Aufgaben entstehen sollen.',
  },
  'cli.error.nowInvalid': {
    en: '--now "{value}" is not an ISO-8601 time with an offset, such as 2026-12-01T08:00:00+01:00.',
    de: '--now "{value}" ist kein ISO-8601-Zeitpunkt mit Zeitzone wie 2026-12-01T08:00:00+01:00.',
  },
  'cli.error.notPositiveInteger': {
    en: '"{value}" is not a positive whole number.',
    de: '"{value}" ist keine positive ganze Zahl.',
  },
  'cli.internalError': {
    en: 'Internal error, please report it with the command you ran:\n{detail}',
    de: 'Interner Fehler, bitte mit dem aufgerufenen Befehl melden:\n{detail}',
  },
} satisfies Record<string, CatalogEntry>;

export type MessageId = keyof typeof catalog;
