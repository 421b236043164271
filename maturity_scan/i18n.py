"""Every text the program shows that is not part of a question set, in Dutch and English.

Dutch is the default. Texts are ``str.format`` templates; :func:`tr` fills them in.
A test checks that both languages use the same placeholders.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Any

from maturity_scan.lang import DEFAULT_LANG as DEFAULT_LANG  # its home is lang
from maturity_scan.lang import LANGS, Lang, Text


def known_lang(value: str | None) -> Lang | None:
    """The language ``value`` names (``en``, ``EN``, ``en_GB.UTF-8``), or None."""
    if value:
        short = value.strip().lower()[:2]
        for lang in LANGS:
            if short == lang:
                return lang
    return None


def resolve_lang(value: str | None, environ: Mapping[str, str] | None = None) -> Lang:
    """``value`` if given, else ``$MATURITY_SCAN_LANG``, else Dutch."""
    env = os.environ if environ is None else environ
    return known_lang(value) or known_lang(env.get("MATURITY_SCAN_LANG")) or DEFAULT_LANG


def T(nl: str, en: str) -> Text:  # reads like a literal in the catalog below
    return Text(nl=nl, en=en)


MESSAGES: dict[str, Text] = {
    # ------------------------------------------------------------------ errors (one line each)
    "err.file_missing": T("{file}: bestand niet gevonden", "{file}: file not found"),
    "err.file_unreadable": T(
        "{file}: kan het bestand niet lezen ({reason})", "{file}: cannot read the file ({reason})"
    ),
    "err.file_too_large": T(
        "{file}: bestand is te groot ({size} bytes; maximaal {limit})",
        "{file}: file is too large ({size} bytes; at most {limit})",
    ),
    "err.not_utf8": T(
        "{file}: geen geldige UTF-8-tekst (regel {line}, kolom {column}); sla het bestand op als UTF-8",
        "{file}: not valid UTF-8 text (line {line}, column {column}); save the file as UTF-8",
    ),
    "err.not_json": T("{file}: geen geldige JSON ({reason})", "{file}: not valid JSON ({reason})"),
    "err.not_toml": T("{file}: geen geldige TOML ({reason})", "{file}: not valid TOML ({reason})"),
    "err.field": T("{file}: veld {field}: {detail}", "{file}: field {field}: {detail}"),
    "err.qs_duplicate_level": T(
        "{file}: veld levels: niveau {level} is meer dan eens beschreven; verwacht elk niveau 1-5 precies één keer",
        "{file}: field levels: level {level} is described more than once; expected each level 1-5 exactly once",
    ),
    "err.qs_missing_level": T(
        "{file}: veld levels: niveau {level} heeft geen beschrijving; verwacht elk niveau 1-5 precies één keer",
        "{file}: field levels: level {level} has no description; expected each level 1-5 exactly once",
    ),
    "err.qs_duplicate_id": T(
        "{file}: veld {field}: id '{id}' komt meer dan eens voor; verwacht unieke id's",
        "{file}: field {field}: id '{id}' occurs more than once; expected unique ids",
    ),
    "err.qs_duplicate_advice": T(
        "{file}: veld principles[{principle}].advice: niveau {level} heeft meer dan één adviesblok",
        "{file}: field principles[{principle}].advice: level {level} has more than one advice block",
    ),
    "err.qs_duplicate_set": T(
        "vragenlijst {id} versie {version} staat in twee bestanden: {first} en {second}",
        "question set {id} version {version} is in two files: {first} and {second}",
    ),
    "err.qs_control": T(
        "{file}: veld {field}: bevat het stuurteken {char}; verwacht gewone tekst (regeleinden mogen)",
        "{file}: field {field}: contains the control character {char}; expected plain text (line breaks are fine)",
    ),
    "err.qs_unknown": T(
        "onbekende vragenlijst '{id}' (geïnstalleerd: {known})",
        "unknown question set '{id}' (installed: {known})",
    ),
    "err.qs_unknown_version": T(
        "vragenlijst '{id}' versie {version} is niet geïnstalleerd (wel: {known}); voeg die versie toe met --questions-dir",
        "question set '{id}' version {version} is not installed (installed: {known}); add that version with --questions-dir",
    ),
    "err.qs_dir_missing": T(
        "{file}: map met vragenlijsten bestaat niet", "{file}: question set folder does not exist"
    ),
    # question-set languages (#11, texts as data)
    "err.qs_missing_language": T(
        "{file}: veld {field}: de tekst in taal `{language}` ontbreekt; de vragenlijst geeft elke tekst in: {declared}",
        "{file}: field {field}: the text in language `{language}` is missing; the set gives every text in: {declared}",
    ),
    "err.qs_undeclared_language": T(
        "{file}: veld {field}: taal `{language}` staat niet in de talen van de vragenlijst ({declared}); voeg hem toe aan languages of verwijder de tekst",
        "{file}: field {field}: language `{language}` is not one of the set's languages ({declared}); add it to languages or remove the text",
    ),
    "err.answers_unknown_question": T(
        "{file}: {field}: onbekende vraag '{question}' in vragenlijst {set}",
        "{file}: {field}: unknown question '{question}' in question set {set}",
    ),
    "err.answers_bad_level": T(
        '{file}: antwoord op vraag \'{question}\': verwacht een niveau 1-5, "na", "unknown" of null, niet {value}',
        '{file}: answer to question \'{question}\': expected a level 1-5, "na", "unknown" or null, not {value}',
    ),
    "err.answers_na_not_allowed": T(
        "{file}: antwoord op vraag '{question}': \"na\" (niet van toepassing) is bij deze vraag niet toegestaan",
        "{file}: answer to question '{question}': \"na\" (not applicable) is not allowed for this question",
    ),
    "err.answers_bad_note": T(
        "{file}: notitie bij vraag '{question}': verwacht tekst, niet {value}",
        "{file}: note on question '{question}': expected text, not {value}",
    ),
    "err.import_schema_version": T(
        "{file}: schema_version {version} is onbekend; deze versie van maturity-scan leest schema_version {supported}",
        "{file}: schema_version {version} is unknown; this release of maturity-scan reads schema_version {supported}",
    ),
    "err.import_principle_mismatch": T(
        "{file}: scan {scan}: vraag '{question}' hoort bij principe '{expected}', niet '{given}'",
        "{file}: scan {scan}: question '{question}' belongs to principle '{expected}', not '{given}'",
    ),
    "err.import_duplicate_answer": T(
        "{file}: scan {scan}: vraag '{question}' heeft meer dan één antwoord",
        "{file}: scan {scan}: question '{question}' has more than one answer",
    ),
    "err.import_conflict": T(
        "{file}: scan {scan} staat al in de database met andere inhoud; niets geïmporteerd",
        "{file}: scan {scan} is already in the database with different content; nothing imported",
    ),
    "err.in_file": T("{file}: {detail}", "{file}: {detail}"),
    "err.scan_id_short": T(
        "id '{id}' is te kort: geef het hele id of minstens de eerste 4 tekens",
        "id '{id}' is too short: give the whole id or at least its first 4 characters",
    ),
    "err.answers_empty": T(
        '{file}: geen enkele vraag heeft een antwoord; vul minstens één niveau, "na" of "unknown" in',
        '{file}: no question has an answer; fill in at least one level, "na" or "unknown"',
    ),
    "err.scan_not_found": T("geen scan met id '{id}'", "no scan with id '{id}'"),
    "err.date_unreadable": T(
        "{field}: '{value}' is geen datum; verwacht DD-MM-JJJJ ({dutch}) of JJJJ-MM-DD ({iso})",
        "{field}: '{value}' is not a date; expected DD-MM-YYYY ({dutch}) or YYYY-MM-DD ({iso})",
    ),
    "err.scan_date_range": T(
        "{field}: {value} kan geen datum van een scan zijn; verwacht een dag van {first} tot en met vandaag ({last})",
        "{field}: {value} cannot be the date of a scan; expected a day from {first} up to today ({last})",
    ),
    "err.target_date_range": T(
        "{field}: {value} kan geen streefdatum zijn; verwacht een dag van vandaag ({first}) tot en met {last}",
        "{field}: {value} cannot be a target date; expected a day from today ({first}) up to {last}",
    ),
    "err.scan_ambiguous": T(
        "id '{id}' past bij meer dan één scan ({matches}); geef meer tekens",
        "id '{id}' matches more than one scan ({matches}); give more characters",
    ),
    "err.scan_completed": T(
        "scan {id} is al afgerond en kan niet meer worden gewijzigd",
        "scan {id} is already completed and can no longer be changed",
    ),
    "err.no_scans": T("geen scans om te exporteren", "no scans to export"),
    "err.empty_org": T(
        "organisatie: verwacht een naam, niet een lege tekst",
        "organisation: expected a name, not empty text",
    ),
    "err.db_not_json": T(
        "{file}: database is beschadigd of geen JSON ({reason}); het bestand is niet gewijzigd (zie 'maturity-scan db backups' en 'db restore')",
        "{file}: database is damaged or not JSON ({reason}); the file was left unchanged (see 'maturity-scan db backups' and 'db restore')",
    ),
    "err.db_shape": T(
        "{file}: database heeft een onverwachte vorm ({reason}); het bestand is niet gewijzigd (zie 'maturity-scan db backups' en 'db restore')",
        "{file}: database has an unexpected shape ({reason}); the file was left unchanged (see 'maturity-scan db backups' and 'db restore')",
    ),
    "err.db_future": T(
        "{file}: database heeft schema_version {version}, nieuwer dan deze versie van maturity-scan ({supported}); werk maturity-scan bij",
        "{file}: database has schema_version {version}, newer than this release of maturity-scan ({supported}); upgrade maturity-scan",
    ),
    "err.db_write": T(
        "{file}: kan de database niet schrijven ({reason}); er is niets gewijzigd",
        "{file}: cannot write the database ({reason}); nothing was changed",
    ),
    "err.journal_damaged": T(
        "{file}: regel {line} van het antwoordenjournaal is beschadigd ({reason}); er is niets gewijzigd. Het bestand houdt de laatste antwoorden van één concept-scan bij: herstel of verwijder die regel om verder te gaan",
        "{file}: line {line} of the answer journal is damaged ({reason}); nothing was changed. The file keeps the latest answers of one draft scan: repair or remove that line to go on",
    ),
    "err.db_record": T(
        "{file}: scan {id} in de database is ongeldig: {detail}",
        "{file}: scan {id} in the database is invalid: {detail}",
    ),
    "err.db_locked": T(
        "{file}: de database is in gebruik door een ander programma (na {seconds} s wachten nog steeds); probeer het zo opnieuw",
        "{file}: the database is in use by another program (still after waiting {seconds} s); try again in a moment",
    ),
    "err.backup_write": T(
        "{file}: kan de reservekopie niet schrijven ({reason}); er is niets gewijzigd",
        "{file}: cannot write the backup ({reason}); nothing was changed",
    ),
    "err.backup_unknown": T(
        "geen reservekopie '{name}' (zie 'maturity-scan db backups'; de nieuwste: {known})",
        "no backup '{name}' (see 'maturity-scan db backups'; the newest: {known})",
    ),
    "err.compare_orgs": T(
        "scans {a} en {b} zijn van verschillende organisaties; vergelijk scans van één organisatie",
        "scans {a} and {b} are of different organisations; compare scans of one organisation",
    ),
    "err.unknown_principle": T(
        "{file}: onbekend principe '{principle}' (bekend: {known})",
        "{file}: unknown principle '{principle}' (known: {known})",
    ),
    "err.org_unknown": T(
        "geen organisatie '{org}' in de database; bedoel je {known}?",
        "no organisation '{org}' in the database; did you mean {known}?",
    ),
    "err.db_target_record": T(
        "{file}: een streefniveau in de database is ongeldig: {detail}; het bestand is niet gewijzigd",
        "{file}: a target in the database is invalid: {detail}; the file was left unchanged",
    ),
    "err.org_too_long": T(
        "organisatie: de naam is {length} tekens; maximaal {limit}",
        "organisation: the name is {length} characters; at most {limit}",
    ),
    "err.write_output": T(
        "{file}: kan niet schrijven ({reason})", "{file}: cannot write ({reason})"
    ),
    # ------------------------------------------------------------------ storage and files
    # (new messages about the database, journals, backups and written files go here)
    "err.lock_open": T(
        "{file}: kan het slotbestand van de database niet openen ({reason}); er is niets gewijzigd",
        "{file}: cannot open the database's lock file ({reason}); nothing was changed",
    ),
    "err.journal_not_file": T(
        "{file}: het antwoordenjournaal is geen gewoon bestand (maar een symbolische koppeling, map of iets anders); er is niets gewijzigd. Verwijder het om verder te gaan",
        "{file}: the answer journal is not a regular file (but a symbolic link, folder or something else); nothing was changed. Remove it to go on",
    ),
    "reason.journal_question": T(
        "vraag '{question}' staat niet in vragenlijst {set} {version}",
        "question '{question}' is not in question set {set} {version}",
    ),
    "reason.journal_na": T(
        "vraag '{question}' staat 'n.v.t.' niet toe",
        "question '{question}' does not allow 'na'",
    ),
    "warn.backup_failed": T(
        "{file}: kan de dagelijkse reservekopie niet maken ({reason}); de wijziging zelf is wel opgeslagen, de kopie wordt bij de volgende wijziging opnieuw geprobeerd",
        "{file}: cannot make the daily backup ({reason}); the change itself was saved, the backup is tried again at the next change",
    ),
    "err.save_unexpected": T(
        "onverwachte fout bij het opslaan ({kind}: {reason}); het wordt opnieuw geprobeerd",
        "unexpected error while saving ({kind}: {reason}); trying again",
    ),
    "err.output_symlink": T(
        "{file} is een symbolische koppeling naar {target}; er is niets geschreven. Geef --force om de inhoud van {target} te vervangen",
        "{file} is a symbolic link to {target}; nothing was written. Pass --force to replace the contents of {target}",
    ),
    "err.output_protected": T(
        "{file} is {what} van de database {db}; kies een ander bestand, er is niets geschreven",
        "{file} is {what} of the database {db}; choose another file, nothing was written",
    ),
    "err.output_not_file": T(
        "{file} is {what}, geen gewoon bestand; kies een nieuw of gewoon bestand, er is niets geschreven",
        "{file} is {what}, not a regular file; choose a new or regular file, nothing was written",
    ),
    "output.database": T("het bestand", "the file"),
    "output.lock": T("het slotbestand", "the lock file"),
    "output.journals": T("(in) de map met antwoordenjournalen", "(in) the answer journal folder"),
    "output.backups": T("(in) de map met reservekopieën", "(in) the backups folder"),
    "output.folder": T("een map", "a folder"),
    "output.fifo": T("een named pipe (FIFO)", "a named pipe (FIFO)"),
    "output.socket": T("een socket", "a socket"),
    "output.device": T("een apparaat", "a device"),
    "output.special": T("een bijzonder bestand", "a special file"),
    "ui.export.symlink_title": T(
        "Doel van de koppeling overschrijven?", "Overwrite the link's target?"
    ),
    "ui.export.symlink": T(
        "{file} is een symbolische koppeling naar {target}. De inhoud van {target} vervangen? De koppeling blijft.",
        "{file} is a symbolic link to {target}. Replace the contents of {target}? The link stays.",
    ),
    # ------------------------------------------------------------------ answers and statuses
    "answer.na": T("niet van toepassing", "not applicable"),
    "answer.unknown": T("weet ik niet", "don't know"),
    "answer.none": T("nog niet beantwoord", "not answered yet"),
    "status.draft": T("concept", "draft"),
    "status.completed": T("afgerond", "completed"),
    "level.none": T("te weinig beantwoord", "too little answered"),
    # ------------------------------------------------------------------ command line output
    "cli.app_missing": T("De app kan niet starten: {reason}", "The app cannot start: {reason}"),
    "cli.no_scans": T(
        "Nog geen scans. Begin er een met 'maturity-scan' (de app) of 'maturity-scan scan new'.",
        "No scans yet. Start one with 'maturity-scan' (the app) or 'maturity-scan scan new'.",
    ),
    "cli.col.id": T("id", "id"),
    "cli.col.date": T("datum", "date"),
    "cli.col.org": T("organisatie", "organisation"),
    "cli.col.respondent": T("ingevuld door", "respondent"),
    "cli.col.status": T("status", "status"),
    "cli.col.level": T("niveau", "level"),
    "cli.col.set": T("vragenlijst", "question set"),
    "cli.col.version": T("versie", "version"),
    "cli.col.questions": T("vragen", "questions"),
    "cli.col.title": T("titel", "title"),
    "cli.col.file": T("bestand", "file"),
    "cli.col.principle": T("principe", "principle"),
    "cli.col.score": T("score", "score"),
    "cli.col.coverage": T("beantwoord", "answered"),
    "cli.scan_created": T("Scan opgeslagen: {id}", "Scan saved: {id}"),
    "cli.scan_deleted": T("Scan {id} verwijderd.", "Scan {id} deleted."),
    "cli.confirm_delete": T(
        "Scan {id} van {org} ({date}) verwijderen?", "Delete scan {id} of {org} ({date})?"
    ),
    "cli.cancelled": T("Niets verwijderd.", "Nothing deleted."),
    "cli.valid": T(
        "{file}: geldig ({id} versie {version}, {principles} principes, {questions} vragen)",
        "{file}: valid ({id} version {version}, {principles} principles, {questions} questions)",
    ),
    "cli.exported": T("Scans geëxporteerd: {count} → {file}", "Scans exported: {count} → {file}"),
    "cli.imported": T(
        "Scans geïmporteerd: {added}; al aanwezig en overgeslagen: {skipped}",
        "Scans imported: {added}; already there and skipped: {skipped}",
    ),
    "cli.db_none": T("Er is nog geen database op {file}.", "There is no database at {file} yet."),
    "cli.db_ok": T(
        "{file}: in orde — {count} scans, alle leesbaar; reservekopieën: {backups}",
        "{file}: OK — {count} scans, all readable; backups: {backups}",
    ),
    "cli.no_backups": T("Nog geen reservekopieën in {folder}.", "No backups in {folder} yet."),
    "cli.col.name": T("naam", "name"),
    "cli.col.reason": T("reden", "reason"),
    "cli.col.size": T("bytes", "bytes"),
    "cli.confirm_restore": T(
        "Reservekopie {name} terugzetten? Het huidige bestand wordt eerst apart gezet.",
        "Restore backup {name}? The current file is set aside first.",
    ),
    "cli.confirm_reset": T(
        "Opnieuw beginnen met een lege database? {file} wordt apart gezet, niet gewist.",
        "Start over with an empty database? {file} is set aside, not deleted.",
    ),
    "cli.cancelled_db": T("Niets gewijzigd.", "Nothing changed."),
    "cli.restored": T(
        "Reservekopie {name} teruggezet. Het vorige bestand staat in {aside}",
        "Backup {name} restored. The previous file is in {aside}",
    ),
    "cli.reset_done": T(
        "Opnieuw begonnen. Het vorige bestand staat in {aside}",
        "Started over. The previous file is in {aside}",
    ),
    "cli.no_completed": T(
        "{org} heeft nog geen afgeronde scans.", "{org} has no completed scans yet."
    ),
    "cli.history_title": T("Voortgang van {org}", "Progress of {org}"),
    "cli.history_chart": T(
        "Score per principe door de tijd (1-5)", "Score per principle over time (1-5)"
    ),
    "cli.target_short": T("streefniveau {level}{by}", "target level {level}{by}"),
    "cli.target_saved": T(
        "Streefniveau gezet: {org}, {principle} → niveau {level}",
        "Target set: {org}, {principle} → level {level}",
    ),
    "cli.no_targets": T("{org} heeft nog geen streefniveaus.", "{org} has no targets yet."),
    "cli.col.by": T("uiterlijk", "by"),
    "cli.col.before": T("voor", "before"),
    "cli.col.after": T("na", "after"),
    "cli.col.change": T("verschil", "change"),
    "cli.compare_title": T(
        "{org}: scan {a} ({date_a}) → scan {b} ({date_b})",
        "{org}: scan {a} ({date_a}) → scan {b} ({date_b})",
    ),
    "cli.changed_answers": T("Gewijzigde antwoorden", "Changed answers"),
    "cli.no_changed_answers": T("Geen antwoorden gewijzigd.", "No answers changed."),
    "cli.only_in_a": T(
        "Vragen alleen in de eerste versie ({set}): {ids}",
        "Questions only in the first version ({set}): {ids}",
    ),
    "cli.only_in_b": T(
        "Vragen alleen in de tweede versie ({set}): {ids}",
        "Questions only in the second version ({set}): {ids}",
    ),
    "cli.demo_loaded": T(
        "Demo geladen: {org}, {count} afgeronde scans met streefniveaus. Start de app met 'maturity-scan'; verwijder de demo met 'maturity-scan scan delete'.",
        "Demo loaded: {org}, {count} completed scans with targets. Start the app with 'maturity-scan'; remove the demo with 'maturity-scan scan delete'.",
    ),
    "cli.demo_present": T(
        "De demo ({org}) is al geladen; er is niets toegevoegd.",
        "The demo ({org}) is already loaded; nothing was added.",
    ),
    "cli.see_help": T("zie '{command} --help'", "see '{command} --help'"),
    "cli.no_scans_org": T(
        "Geen scans van organisatie '{org}'.", "No scans of organisation '{org}'."
    ),
    "progress": T("{done}/{total} ingevuld", "{done}/{total} filled in"),
    "cli.overall": T("Totaal", "Overall"),
    "cli.scan_header": T(
        "Scan {id} — {org} — {date} — {status}", "Scan {id} — {org} — {date} — {status}"
    ),
    "cli.by": T("ingevuld door {who}", "answered by {who}"),
    "cli.na_allowed": T("niet van toepassing mag", "not applicable allowed"),
    "cli.weight": T("gewicht {weight}", "weight {weight}"),
    "cli.levels": T("Niveaus", "Levels"),
    "cli.chart_title": T("Score per principe (1-5)", "Score per principle (1-5)"),
    "cli.next_steps": T("Volgende stappen", "Next steps"),
    # ------------------------------------------------------------------ command line: dates, ids, edits
    # (new messages of the command line go here)
    # the report of a scan (scan show and the app's results)
    "report.previous": T(
        "Verschil met de vorige afgeronde scan, {id} van {date}: totaal {change}",
        "Change since the previous completed scan, {id} of {date}: overall {change}",
    ),
    "ui.col.change": T("Verschil", "Change"),
    "cli.col.target": T("doel (gat)", "target (gap)"),
    "err.import_database": T(
        "{file}: dit is een database van maturity-scan, geen export; importeer een bestand van 'maturity-scan export' (of open de database met --db)",
        "{file}: this is a maturity-scan database, not an export; import a file made by 'maturity-scan export' (or open the database with --db)",
    ),
    "err.import_scan_id": T(
        "{file}: scan-id '{id}' heeft niet de vorm die maturity-scan maakt; verwacht 32 tekens 0-9 en a-f; niets geïmporteerd",
        "{file}: scan id '{id}' does not have the form maturity-scan makes; expected 32 characters 0-9 and a-f; nothing imported",
    ),
    "err.import_duplicate_scan": T(
        "{file}: scan {scan} staat meer dan eens in het bestand; niets geïmporteerd",
        "{file}: scan {scan} occurs more than once in the file; nothing imported",
    ),
    "err.import_date": T(
        "{file}: scan {scan}: veld {field}: {value} is geen datum die elke tijdzone kan tonen; niets geïmporteerd",
        "{file}: scan {scan}: field {field}: {value} is not a date every time zone can show; nothing imported",
    ),
    "err.import_draft_completed": T(
        "{file}: scan {scan}: veld completed_at: een concept (status draft) heeft geen afrondingsdatum; verwacht null; niets geïmporteerd",
        "{file}: scan {scan}: field completed_at: a draft (status draft) has no completion date; expected null; nothing imported",
    ),
    "err.import_completed_without": T(
        "{file}: scan {scan}: veld completed_at: een afgeronde scan heeft een afrondingsdatum nodig; niets geïmporteerd",
        "{file}: scan {scan}: field completed_at: a completed scan needs a completion date; nothing imported",
    ),
    "err.import_completed_before": T(
        "{file}: scan {scan}: veld completed_at: {completed} ligt vóór started_at ({started}); niets geïmporteerd",
        "{file}: scan {scan}: field completed_at: {completed} is before started_at ({started}); nothing imported",
    ),
    "err.not_json_at": T(
        "{file}: geen geldige JSON op regel {line}, kolom {column} ({reason})",
        "{file}: not valid JSON at line {line}, column {column} ({reason})",
    ),
    "err.option_control": T(
        "{option}: bevat het stuurteken {char}; verwacht gewone tekst",
        "{option}: contains the control character {char}; expected plain text",
    ),
    "err.edit_nothing": T(
        "scan edit: niets te wijzigen; geef --date, --respondent en/of --role",
        "scan edit: nothing to change; give --date, --respondent and/or --role",
    ),
    "err.org_unknown_none": T(
        "geen organisatie '{org}' in de database (alle organisaties: 'maturity-scan scan list')",
        "no organisation '{org}' in the database (every organisation: 'maturity-scan scan list')",
    ),
    "cli.scan_edited": T(
        "Scan {id} van {org} gewijzigd: datum {date}, ingevuld door {who}",
        "Scan {id} of {org} changed: date {date}, answered by {who}",
    ),
    "cli.nobody": T("(niemand)", "(nobody)"),
    "cli.confirm_delete_targets": T(
        "Scan {id} van {org} ({date}) verwijderen? Het is de laatste scan van {org}: de streefniveaus ({count}) worden ook verwijderd.",
        "Delete scan {id} of {org} ({date})? It is the last scan of {org}: its targets ({count}) are deleted too.",
    ),
    "cli.scan_deleted_targets": T(
        "Scan {id} verwijderd, met de streefniveaus van {org} ({count}): het was de laatste scan.",
        "Scan {id} deleted, with the targets of {org} ({count}): it was the last scan.",
    ),
    "cli.skipped_scan": T(
        "overgeslagen: scan {id} van {org}: vragenlijst {set} versie {version} is niet geïnstalleerd",
        "skipped: scan {id} of {org}: question set {set} version {version} is not installed",
    ),
    "cli.set_missing_scan": T(
        "scan {id} van {org} is niet te openen: vragenlijst {set} versie {version} is niet geïnstalleerd",
        "scan {id} of {org} cannot be opened: question set {set} version {version} is not installed",
    ),
    "cli.set_missing_total": T(
        "{count} scan(s) niet te openen; voeg de ontbrekende vragenlijsten toe met --questions-dir",
        "{count} scan(s) cannot be opened; add the missing question sets with --questions-dir",
    ),
    "cli.no_chart_dates": T(
        "(geen grafiek: een datum ligt te ver in het verleden of de toekomst om te tekenen)",
        "(no chart: a date lies too far in the past or the future to draw)",
    ),
    "cli.skipped_total": T(
        "{count} scan(s) overgeslagen; voeg de ontbrekende vragenlijsten toe met --questions-dir",
        "{count} scan(s) skipped; add the missing question sets with --questions-dir",
    ),
    # ------------------------------------------------------------------ the app: keys
    "ui.key.help": T("help", "help"),
    "ui.key.lang": T("English", "Nederlands"),
    "ui.key.quit": T("stoppen", "quit"),
    "ui.key.palette": T("opdrachten", "commands"),
    "ui.key.new": T("nieuwe scan", "new scan"),
    "ui.key.open": T("openen", "open"),
    "ui.key.export": T("exporteren", "export"),
    "ui.key.delete": T("verwijderen", "delete"),
    "ui.key.reopen": T("heropenen", "reopen"),
    "ui.key.overwrite": T("overschrijven", "overwrite"),
    "ui.key.history": T("voortgang", "history"),
    "ui.key.compare": T("vergelijken", "compare"),
    "ui.key.targets": T("streefniveaus", "targets"),
    "ui.key.choose": T("andere scans", "other scans"),
    "ui.key.back": T("terug", "back"),
    "ui.key.answer": T("kies niveau", "choose level"),
    "ui.key.na": T("n.v.t.", "n/a"),
    "ui.key.unknown": T("weet ik niet", "don't know"),
    "ui.key.prev": T("vorige", "previous"),
    "ui.key.next": T("volgende", "next"),
    "ui.key.why": T("uitleg", "explanation"),
    "ui.key.note": T("notitie", "note"),
    "ui.key.overview": T("alle vragen", "all questions"),
    "ui.key.finish": T("afronden", "finish"),
    "ui.key.prev_principle": T("vorig principe", "previous principle"),
    "ui.key.next_principle": T("volgend principe", "next principle"),
    "ui.key.yes": T("ja", "yes"),
    "ui.key.no": T("nee", "no"),
    "ui.key.close": T("sluiten", "close"),
    "ui.key.save": T("opslaan", "save"),
    "ui.key.cancel": T("annuleren", "cancel"),
    "ui.key.theme": T("thema", "theme"),
    # ------------------------------------------------------------------ the app: palette
    "ui.cmd.new": T("Nieuwe scan", "New scan"),
    "ui.cmd.new.help": T(
        "Begin een nieuwe scan voor een organisatie", "Start a new scan for an organisation"
    ),
    "ui.cmd.open": T("Scan openen", "Open scan"),
    "ui.cmd.open.help": T(
        "Concept hervatten of resultaat bekijken", "Resume a draft or view its results"
    ),
    "ui.cmd.export": T("Scan exporteren", "Export scan"),
    "ui.cmd.export.help": T("De gekozen scan als JSON opslaan", "Save the selected scan as JSON"),
    "ui.cmd.delete": T("Scan verwijderen", "Delete scan"),
    "ui.cmd.delete.help": T(
        "De gekozen scan verwijderen (met bevestiging)", "Delete the selected scan (asks first)"
    ),
    "ui.cmd.lang": T("Switch to English", "Overschakelen naar Nederlands"),
    "ui.cmd.lang.help": T("Taal van de app wisselen", "Change the app's language"),
    "ui.cmd.help": T("Toetsen", "Keys"),
    "ui.cmd.help.help": T("Alle toetsen van dit scherm", "All keys of this screen"),
    "ui.cmd.theme": T("Thema", "Theme"),
    "ui.cmd.theme.help": T("Kleurenthema kiezen", "Choose a colour theme"),
    "ui.cmd.quit": T("Stoppen", "Quit"),
    "ui.cmd.quit.help": T(
        "De app afsluiten; alles is al opgeslagen", "Quit the app; everything is already saved"
    ),
    "ui.cmd.finish": T("Scan afronden", "Finish scan"),
    "ui.cmd.finish.help": T(
        "De scan afronden en het resultaat tonen", "Finish the scan and show the results"
    ),
    "ui.cmd.overview": T(
        "Alle vragen: naar vraag of principe", "All questions: go to a question or principle"
    ),
    "ui.cmd.next": T("Volgende vraag", "Next question"),
    "ui.cmd.next.help": T("Zonder het antwoord te wijzigen", "Without changing the answer"),
    "ui.cmd.prev": T("Vorige vraag", "Previous question"),
    "ui.cmd.prev.help": T("Zonder het antwoord te wijzigen", "Without changing the answer"),
    "ui.cmd.next_principle": T("Volgend principe", "Next principle"),
    "ui.cmd.next_principle.help": T(
        "Naar de eerste vraag van het volgende principe",
        "To the first question of the next principle",
    ),
    "ui.cmd.note": T("Notitie schrijven", "Write a note"),
    "ui.cmd.note.help": T(
        "Een notitie bij deze vraag; wordt meteen bewaard", "A note on this question; saved at once"
    ),
    "ui.cmd.why": T("Uitleg: waarom deze vraag?", "Explanation: why this question?"),
    "ui.cmd.why.help": T("Met de handreiking en pagina", "With the guide and page"),
    "ui.cmd.unknown": T("Weet ik niet", "Don't know"),
    "ui.cmd.unknown.help": T(
        "Telt niet mee in de score; zoek het later uit",
        "Does not count in the score; find out later",
    ),
    "ui.cmd.reopen": T("Scan heropenen", "Reopen scan"),
    "ui.cmd.reopen.help": T(
        "Terug naar concept om antwoorden te verbeteren", "Back to draft to correct answers"
    ),
    "ui.cmd.overview.help": T(
        "Overzicht van alle vragen en wat nog open staat", "All questions and which are still open"
    ),
    "ui.cmd.back": T("Terug naar alle scans", "Back to all scans"),
    "ui.cmd.back.help": T("Terug naar alle scans", "Back to all scans"),
    "ui.cmd.history": T("Voortgang door de tijd", "History — progress over time"),
    "ui.cmd.history.help": T(
        "Alle afgeronde scans van deze organisatie, met grafiek",
        "All completed scans of this organisation, with a chart",
    ),
    "ui.cmd.compare": T("Twee scans vergelijken", "Compare two scans"),
    "ui.cmd.compare.help": T(
        "Scores voor en na, en welke antwoorden veranderden",
        "Scores before and after, and which answers changed",
    ),
    "ui.cmd.targets": T("Streefniveaus instellen", "Set targets"),
    "ui.cmd.targets.help": T(
        "Per principe een streefniveau en eventueel een datum",
        "Per principle a target level and optionally a date",
    ),
    "ui.cmd.choose": T("Andere scans kiezen", "Choose other scans"),
    "ui.cmd.choose.help": T(
        "Kies twee afgeronde scans om te vergelijken", "Choose two completed scans to compare"
    ),
    "ui.palette.placeholder": T("Zoek een opdracht…", "Search for a command…"),
    # ------------------------------------------------------------------ the app: home refresh, edit, settings, errors
    # (new messages of the app shell, home, new scan, edit, settings and errors go here)
    "ui.warning.title": T("Waarschuwing", "Warning"),
    "settings.warning": T(
        "waarschuwing: {problem}; de standaardinstellingen worden gebruikt",
        "warning: {problem}; the default settings are used",
    ),
    "err.settings_unusable": T(
        "{file}: instellingen niet te gebruiken ({reason})",
        "{file}: settings cannot be used ({reason})",
    ),
    "err.settings_write": T(
        "{file}: kan de instellingen niet opslaan ({reason})",
        "{file}: cannot save the settings ({reason})",
    ),
    "ui.crash": T(
        "maturity-scan: interne fout, de app is gestopt. De details staan in {file}",
        "maturity-scan: internal error, the app stopped. The details are in {file}",
    ),
    "ui.crash.no_log": T(
        "maturity-scan: interne fout, de app is gestopt. De details konden niet in een logbestand ({reason}) en staan hieronder.",
        "maturity-scan: internal error, the app stopped. The details could not be written to a log file ({reason}) and follow below.",
    ),
    "ui.ctrl_c.title": T("Stoppen?", "Quit?"),
    "ui.ctrl_c": T(
        "Druk op q om te stoppen (Ctrl+Q terwijl je typt).",
        "Press q to quit (Ctrl+Q while typing).",
    ),
    "ui.ctrl_c.saved": T("Alles is al opgeslagen.", "Everything is already saved."),
    "ui.ctrl_c.unsaved": T(
        "Nog niet alles is opgeslagen: stoppen vraagt je eerst wat er moet gebeuren.",
        "Not everything is saved yet: quitting asks you first what to do.",
    ),
    "ui.input.control": T(
        "{field}: bevat het stuurteken {char}; typ gewone tekst.",
        "{field}: contains the control character {char}; type plain text.",
    ),
    "ui.new.date": T("Datum van de scan", "Date of the scan"),
    "ui.new.date.placeholder": T("DD-MM-JJJJ of JJJJ-MM-DD", "YYYY-MM-DD or DD-MM-YYYY"),
    "ui.date.field": T("datum", "date"),
    "ui.key.edit": T("aanpassen", "edit"),
    "ui.cmd.edit": T("Datum of invuller aanpassen", "Edit date or respondent"),
    "ui.cmd.edit.help": T(
        "De datum, naam en functie van de gekozen scan wijzigen",
        "Change the date, name and role of the selected scan",
    ),
    "ui.edit.title": T("Scan aanpassen — {org}", "Edit scan — {org}"),
    "ui.edit.hint": T(
        "Enter om op te slaan · Esc om te annuleren. De antwoorden blijven zoals ze zijn.",
        "Enter to save · Esc to cancel. The answers stay as they are.",
    ),
    "ui.edit.saved": T("Scan aangepast.", "Scan changed."),
    "ui.edit.name": T("Naam van wie invulde (optioneel)", "Name of the respondent (optional)"),
    "ui.edit.role": T("Functie van wie invulde (optioneel)", "Role of the respondent (optional)"),
    "ui.t.by_without_level": T(
        "een datum hoort bij een streefniveau: kies eerst een niveau, of maak de datum leeg",
        "a date goes with a target level: choose a level first, or clear the date",
    ),
    "ui.home.deleted_elsewhere": T(
        "Deze scan is intussen elders verwijderd (door een ander programma of venster).",
        "This scan was deleted elsewhere meanwhile (by another program or window).",
    ),
    "ui.home.unreadable": T(
        "Scan {id} van {org} ({date}) kan niet worden geopend: {reason}",
        "Scan {id} of {org} ({date}) cannot be opened: {reason}",
    ),
    "ui.h.skipped": T(
        "Niet meegeteld, want de vragenlijst is niet geïnstalleerd: {scans}",
        "Left out, because the question set is not installed: {scans}",
    ),
    # ------------------------------------------------------------------ the app: home
    "ui.home.title": T("Volwassenheidsscan sociale inkoop", "Social procurement maturity scan"),
    "ui.home.intro": T(
        "Hoe ver is jouw organisatie met banen creëren via inkoop? Beantwoord vragen over drie principes — commitment van het bestuur, samenwerking tussen HR en inkoop, en ketensamenwerking — en krijg je niveau en concrete volgende stappen.",
        "How far has your organisation come in creating jobs through procurement? Answer questions on three principles — board commitment, cooperation between HR and purchasing, and chain cooperation — and get your level and concrete next steps.",
    ),
    "ui.home.empty": T(
        "Nog geen scans. Druk op n om je eerste scan te beginnen (ongeveer 20 minuten; je kunt altijd stoppen en later verder).",
        "No scans yet. Press n to start your first scan (about 20 minutes; you can stop at any time and carry on later).",
    ),
    "ui.home.loading": T("Scans laden…", "Loading scans…"),
    "ui.home.count": T(
        "Scans: {count} · organisaties: {orgs}", "Scans: {count} · organisations: {orgs}"
    ),
    "ui.home.db": T("Database: {path}", "Database: {path}"),
    "ui.home.none_selected": T(
        "Kies eerst een scan in de lijst.", "Select a scan in the list first."
    ),
    "ui.home.unavailable": T("Niet beschikbaar: {reason}", "Not available: {reason}"),
    "ui.col.org": T("Organisatie", "Organisation"),
    "ui.col.date": T("Datum", "Date"),
    "ui.col.respondent": T("Ingevuld door", "Respondent"),
    "ui.col.status": T("Status", "Status"),
    "ui.col.level": T("Niveau", "Level"),
    "ui.col.progress": T("Voortgang", "Progress"),
    "ui.col.principle": T("Principe", "Principle"),
    "ui.col.score": T("Score", "Score"),
    "ui.col.coverage": T("Beantwoord", "Answered"),
    "ui.col.target": T("Doel (gat)", "Target (gap)"),
    # ------------------------------------------------------------------ the app: new scan
    "ui.new.title": T("Nieuwe scan", "New scan"),
    "ui.new.org": T("Organisatie", "Organisation"),
    "ui.new.org.placeholder": T("bijv. Gemeente Utrecht", "e.g. Gemeente Utrecht"),
    "ui.new.name": T("Jouw naam (optioneel)", "Your name (optional)"),
    "ui.new.role": T("Jouw functie (optioneel)", "Your role (optional)"),
    "ui.new.role.placeholder": T("bijv. HR-adviseur, inkoper", "e.g. HR advisor, buyer"),
    "ui.new.set": T("Vragenlijst", "Question set"),
    "ui.new.start": T("Beginnen", "Start"),
    "ui.new.hint": T(
        "Enter om te beginnen · Esc om te annuleren", "Enter to start · Esc to cancel"
    ),
    "ui.new.org_required": T(
        "Vul de naam van de organisatie in.", "Fill in the organisation's name."
    ),
    # ------------------------------------------------------------------ the app: questionnaire
    "ui.q.position": T("Vraag {k} van {n}", "Question {k} of {n}"),
    "ui.q.in_principle": T(
        "vraag {k} van {n} in dit principe", "question {k} of {n} in this principle"
    ),
    "ui.q.answered": T("{done}/{total} ingevuld", "{done}/{total} filled in"),
    "ui.q.open_count": T("{count} open", "{count} open"),
    "ui.q.why": T("Waarom is dit belangrijk?", "Why does this matter?"),
    "ui.q.why_hint": T(
        "Druk op h voor uitleg: waarom is dit belangrijk?",
        "Press h for help: why does this matter?",
    ),
    "ui.q.note": T("Notitie bij deze vraag (n)", "Note on this question (n)"),
    "ui.q.note.placeholder": T(
        "bijv. wie hierover gaat, of een afspraak", "e.g. who owns this, or an agreement"
    ),
    "ui.q.keys.levels": T("1-5 kies niveau", "1-5 choose level"),
    "ui.q.keys.na": T("0 niet van toepassing", "0 not applicable"),
    "ui.q.keys.rest": T(
        "w weet ik niet · h uitleg · n notitie · ←/→ vorige/volgende · [ ] vorig/volgend principe · g alle vragen · f afronden · Esc terug",
        "w don't know · h explanation · n note · ←/→ previous/next · [ ] previous/next principle · g all questions · f finish · Esc back",
    ),
    "ui.q.opt.na": T("Niet van toepassing", "Not applicable"),
    "ui.q.opt.unknown": T("Weet ik niet", "Don't know"),
    "ui.q.saved": T("✓ opgeslagen", "✓ saved"),
    "ui.q.saving": T("opslaan…", "saving…"),
    "ui.q.retrying": T("⚠ nog niet opgeslagen — opnieuw proberen…", "⚠ not saved yet — retrying…"),
    "ui.q.not_saved": T("⚠ niet opgeslagen (zie de melding)", "⚠ not saved (see the message)"),
    "ui.quit.title": T("Nog niet alles is opgeslagen", "Not everything is saved yet"),
    "ui.quit.unsaved": T(
        "Er wachten nog wijzigingen op de database ({count}); die is bijvoorbeeld in gebruik door een ander programma. Wachten en het opnieuw laten proberen, of toch stoppen? Wie nu stopt, verliest die wijzigingen.",
        "Changes are still waiting for the database ({count}); another program may be using it. Wait and let it retry, or quit anyway? Quitting now loses those changes.",
    ),
    "ui.quit.anyway": T("toch stoppen", "quit anyway"),
    "ui.quit.wait": T("wachten", "wait"),
    "ui.q.all_answered": T(
        "Alle vragen zijn beantwoord. Druk op f om af te ronden.",
        "All questions are answered. Press f to finish.",
    ),
    "ui.q.na_not_allowed": T(
        "Bij deze vraag kan ‘niet van toepassing’ niet: deze praktijk geldt voor elke organisatie.",
        "‘Not applicable’ is not available for this question: the practice applies to every organisation.",
    ),
    "ui.q.overview": T("Alle vragen: kies er een", "All questions: choose one"),
    "ui.q.legend": T(
        "· open   1-5 gekozen niveau   ? weet ik niet   – niet van toepassing   ✎ notitie",
        "· open   1-5 level chosen   ? don't know   – not applicable   ✎ note",
    ),
    "ui.q.finish_title": T("Scan afronden?", "Finish the scan?"),
    "ui.q.finish_open": T(
        "Er staan nog {count} vragen open. Open vragen tellen niet mee in de score:",
        "{count} questions are still open. Open questions do not count in the score:",
    ),
    "ui.q.finish_more": T("… en nog {count}", "… and {count} more"),
    "ui.q.finish_all": T(
        "Alle vragen zijn ingevuld. Na afronden zie je het resultaat; je kunt de scan later heropenen om iets te verbeteren.",
        "All questions are filled in. After finishing you see the results; you can reopen the scan later to correct something.",
    ),
    "ui.q.finish_yes": T("Afronden", "Finish"),
    "ui.q.finish_no": T("Verder invullen", "Keep answering"),
    # ------------------------------------------------------------------ the app: results
    "ui.r.title": T("Resultaat — {org}", "Results — {org}"),
    "ui.r.meta": T("{date} · {status} · {set}", "{date} · {status} · {set}"),
    "ui.r.overall": T("Totaalniveau: {level}", "Overall level: {level}"),
    "ui.r.overall_none": T(
        "Totaalniveau: nog niet te bepalen — beantwoord per principe minstens de helft van de vragen.",
        "Overall level: cannot be judged yet — answer at least half of the questions of a principle.",
    ),
    "ui.r.chart": T("Score per principe (1-5)", "Score per principle (1-5)"),
    "ui.r.holding": T(
        "Wat houdt je op niveau {level}? Deze antwoorden liggen onder niveau {target}:",
        "What keeps you at level {level}? These answers are below level {target}:",
    ),
    "ui.r.holding_none": T(
        "Geen enkel antwoord ligt onder niveau {target}; de weging houdt het gemiddelde nog net onder {target}.",
        "No answer is below level {target}; the weighting keeps the average just under {target}.",
    ),
    "ui.r.top": T("Hoogste niveau bereikt.", "Highest level reached."),
    "ui.r.no_level": T(
        "Nog geen niveau: minstens de helft van de vragen van dit principe moet met een niveau zijn beantwoord.",
        "No level yet: at least half of this principle's questions must be answered with a level.",
    ),
    "ui.r.next_steps": T("Volgende stappen", "Next steps"),
    "ui.r.your_answer": T("jouw antwoord: {answer}", "your answer: {answer}"),
    "ui.r.unknown": T(
        "Uit te zoeken (‘weet ik niet’ telt niet mee):",
        "To find out (‘don't know’ does not count):",
    ),
    "ui.r.notes": T("Notities:", "Notes:"),
    "ui.reopen.title": T("Scan heropenen?", "Reopen the scan?"),
    "ui.reopen.body": T(
        "De scan wordt weer een concept, zodat je antwoorden kunt verbeteren. Rond hem daarna opnieuw af met f.",
        "The scan becomes a draft again, so you can correct answers. Finish it again with f afterwards.",
    ),
    # ------------------------------------------------------------------ the app: history, compare, targets
    "ui.h.title": T("Voortgang — {org}", "Progress — {org}"),
    "ui.h.empty": T(
        "Nog geen afgeronde scans. Rond een scan af (f in de vragenlijst) om de voortgang te zien.",
        "No completed scans yet. Finish a scan (f in the questionnaire) to see progress.",
    ),
    "ui.h.chart": T(
        "Score per principe door de tijd (1-5); streefniveaus als lijn",
        "Score per principle over time (1-5); targets as lines",
    ),
    "ui.h.overall": T("Totaal", "Overall"),
    "ui.h.no_targets": T(
        "Nog geen streefniveaus: druk op t om ze in te stellen.",
        "No targets yet: press t to set them.",
    ),
    "ui.h.targets": T("Streefniveaus", "Targets"),
    "ui.h.target_line": T(
        "{principle}: niveau {level}{by} — {status}", "{principle}: level {level}{by} — {status}"
    ),
    "ui.h.reached": T("bereikt", "reached"),
    "ui.h.gap": T("nog {gap} te gaan", "{gap} to go"),
    "ui.h.no_score": T("nog geen score", "no score yet"),
    "ui.h.need_two": T(
        "Voor een vergelijking zijn twee afgeronde scans nodig.",
        "Comparing needs two completed scans.",
    ),
    "ui.c.title": T("Vergelijking — {org}: {a} → {b}", "Comparison — {org}: {a} → {b}"),
    "ui.c.change": T("Verschil", "Change"),
    "ui.c.chart": T(
        "Score per principe, voor en na (1-5)", "Score per principle, before and after (1-5)"
    ),
    "ui.c.changed": T("Gewijzigde antwoorden ({count})", "Changed answers ({count})"),
    "ui.c.none_changed": T("Geen enkel antwoord is veranderd.", "No answer changed."),
    "ui.c.versions": T(
        "Verschillen tussen de versies van de vragenlijst (− vervallen, + nieuw):",
        "Differences between the question set versions (− removed, + added):",
    ),
    "ui.c.choose": T(
        "Kies twee scans (eerst de ene, dan de andere)", "Choose two scans (one, then the other)"
    ),
    "ui.t.title": T("Streefniveaus — {org}", "Targets — {org}"),
    "ui.t.none": T("geen streefniveau", "no target"),
    "ui.t.by": T("uiterlijk (DD-MM-JJJJ, optioneel)", "by (DD-MM-YYYY, optional)"),
    "ui.t.saved": T("Streefniveaus opgeslagen.", "Targets saved."),
    "ui.t.hint": T(
        "Tab naar het volgende veld · Ctrl+S opslaan · Esc annuleren",
        "Tab to the next field · Ctrl+S save · Esc cancel",
    ),
    "ui.r.target": T("streefniveau {level}", "target level {level}"),
    "ui.r.target_reached": T("Streefniveau {level} bereikt.", "Target level {level} reached."),
    # ------------------------------------------------------------------ the app: dialogs
    "ui.export.title": T("Scan exporteren naar JSON", "Export scan to JSON"),
    "ui.export.path": T("Bestand", "File"),
    "ui.export.done": T("Geëxporteerd naar {file}", "Exported to {file}"),
    "ui.export.exists_title": T("Bestand overschrijven?", "Overwrite the file?"),
    "ui.export.exists": T(
        "{file} bestaat al. Overschrijven?", "{file} already exists. Overwrite it?"
    ),
    "ui.export.path_required": T("Vul een bestandsnaam in.", "Fill in a file name."),
    "ui.delete.title": T("Scan verwijderen?", "Delete scan?"),
    "ui.delete.body": T(
        "De scan van {org} van {date} ({status}) wordt met alle antwoorden en notities verwijderd. Dit kan niet ongedaan worden gemaakt.",
        "The scan of {org} of {date} ({status}) will be deleted with all its answers and notes. This cannot be undone.",
    ),
    "ui.delete.last": T(
        "Het is de laatste scan van {org}: de streefniveaus van {org} worden ook verwijderd.",
        "It is the last scan of {org}: the targets of {org} are deleted too.",
    ),
    "ui.delete.done": T("Scan verwijderd.", "Scan deleted."),
    "ui.help.title": T("Toetsen op dit scherm", "Keys on this screen"),
    "ui.help.key": T("Toets", "Key"),
    "ui.help.action": T("Wat het doet", "What it does"),
    "ui.help.close": T("Esc of F1 sluit dit venster", "Esc or F1 closes this window"),
    "ui.error.title": T("Er ging iets mis", "Something went wrong"),
    "ui.error.save": T("Niet opgeslagen: {error}", "Not saved: {error}"),
    # ------------------------------------------------------------------ the app: questionnaire, notes, results
    # (new messages of the questionnaire, notes, overview and results go here)
    "ui.note.too_long.short": T(
        "te lang ({length} tekens; de grens is {limit})",
        "too long ({length} characters; the limit is {limit})",
    ),
    "ui.note.control.short": T(
        "bevat een stuurteken ({char})", "contains a control character ({char})"
    ),
    "ui.q.leave_notes_title": T(
        "Weggaan? Niet elke notitie is opgeslagen", "Leave? Not every note is saved"
    ),
    "ui.q.leave_notes_body": T(
        "Bij deze vragen is de notitie die je typte niet opgeslagen. Ga je nu weg, dan ben je die tekst kwijt; de opgeslagen notitie blijft zoals ze was. Blijf om de notitie te verbeteren.",
        "On these questions the note you typed is not saved. If you leave now, that text is lost; the stored note stays as it was. Stay to fix the note.",
    ),
    "ui.q.leave_notes_line": T(
        "· vraag {k} ({question}): {reason}", "· question {k} ({question}): {reason}"
    ),
    "ui.q.leave_notes_yes": T("toch weggaan", "leave anyway"),
    "ui.q.leave_notes_no": T("blijven", "stay"),
    "ui.q.keys.all_saved": T("(alles is opgeslagen)", "(everything is saved)"),
    "ui.q.reading": T("lezen…", "reading…"),
    "ui.q.note_not_saved": T("⚠ notitie niet opgeslagen", "⚠ note not saved"),
    "ui.note.too_long": T(
        "⚠ Deze notitie is te lang ({length} tekens; de grens is {limit}) en is niet opgeslagen. De opgeslagen notitie blijft zoals ze was; maak de tekst hier korter.",
        "⚠ This note is too long ({length} characters; the limit is {limit}) and was not saved. The stored note stays as it was; shorten the text here.",
    ),
    "ui.note.control": T(
        "⚠ Deze notitie bevat een stuurteken ({char}) en is niet opgeslagen. Haal het weg; de opgeslagen notitie blijft zoals ze was.",
        "⚠ This note contains a control character ({char}) and was not saved. Remove it; the stored note stays as it was.",
    ),
    "ui.q.note_dropped": T(
        "De notitie bij vraag {k} is niet opgeslagen; de opgeslagen notitie is ongewijzigd. Je tekst blijft bewaard: ga terug naar vraag {k} om de notitie te verbeteren.",
        "The note on question {k} was not saved; the stored note is unchanged. Your text is kept: come back to question {k} to fix it.",
    ),
    "ui.q.changed_elsewhere": T(
        "Deze scan is elders gewijzigd; de opgeslagen antwoorden worden getoond.",
        "This scan was changed elsewhere; the stored answers are shown.",
    ),
    "ui.q.completed_elsewhere": T(
        "Deze scan is elders afgerond; hier kan niets meer worden ingevuld. Esc gaat terug.",
        "This scan was completed elsewhere; nothing more can be filled in here. Esc goes back.",
    ),
    "ui.q.deleted_elsewhere": T(
        "Deze scan is elders verwijderd; hier kan niets meer worden opgeslagen. Esc gaat terug.",
        "This scan was deleted elsewhere; nothing more can be saved here. Esc goes back.",
    ),
    "ui.q.not_stored": T(
        "Deze scan staat niet in de database (zie de melding); hier kan niets worden opgeslagen. Esc gaat terug.",
        "This scan is not in the database (see the message); nothing can be saved here. Esc goes back.",
    ),
    "err.scan_deleted_elsewhere": T(
        "deze scan is elders verwijderd", "this scan was deleted elsewhere"
    ),
    "err.scan_completed_elsewhere": T(
        "deze scan is elders afgerond en kan hier niet meer worden gewijzigd",
        "this scan was completed elsewhere and can no longer be changed here",
    ),
    "err.finish_unsaved": T(
        "niet alles is opgeslagen, dus de scan is niet afgerond; de opgeslagen antwoorden worden getoond: kijk ze na en rond dan opnieuw af",
        "not everything was saved, so the scan was not completed; the stored answers are shown: check them and finish again",
    ),
    "ui.r.note_label": T("notitie:", "note:"),
    "ui.r.deleted_elsewhere": T(
        "Deze scan is elders verwijderd; exporteren en heropenen kan niet meer.",
        "This scan was deleted elsewhere; it can no longer be exported or reopened.",
    ),
}


def number(value: int, lang: Lang) -> str:
    """A whole number as the language writes it: 10.000 in Dutch, 10,000 in English."""
    grouped = f"{value:,}"
    return grouped.replace(",", ".") if lang == "nl" else grouped


def tr(key: str, lang: Lang = DEFAULT_LANG, **params: Any) -> str:
    """The text for ``key`` in ``lang``, with ``params`` filled in."""
    template = MESSAGES[key].get(lang)
    if not params:
        return template
    return template.format(
        **{k: v.get(lang) if isinstance(v, Text) else v for k, v in params.items()}
    )


_VALIDATION_NL = [
    (re.compile(r"^Object missing required field `([^`]+)`"), r"verplicht veld `\1` ontbreekt"),
    (re.compile(r"^Object contains unknown field `([^`]+)`"), r"onbekend veld `\1`"),
    (re.compile(r"^Invalid enum value (.*)$"), r"ongeldige waarde \1"),
    (re.compile(r"^Expected (.*?), got (.*)$"), r"verwacht \1, niet \2"),
    (re.compile(r"^Expected (.*)$"), r"verwacht \1"),
]


def validation_detail(detail: str, lang: Lang) -> str:
    """A msgspec validation message, in Dutch where it has a known form."""
    if lang == "en":
        return detail[:1].lower() + detail[1:]
    for pattern, replacement in _VALIDATION_NL:
        if pattern.search(detail):
            return (
                pattern.sub(replacement, detail)
                .replace("`array` of length", "lijst met lengte")
                .replace("`str` of length", "tekst met lengte")
                .replace("`str` matching regex", "tekst volgens patroon")
                .replace("`object`", "object")
            )
    return detail
