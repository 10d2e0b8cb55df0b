# The staff's notices: the back office's list and the e-mail that goes with each notice
# (klacht-app/src/notices.rs). Never the complainant's details: those stay in the dossier.

notice-a-deadline = a deadline
notice-no-reference = (without a reference)

## The short form, after the reference in an e-mail's subject
notice-headline-new-complaint = new complaint received
notice-headline-resolved-directly = resolved directly, for your information
notice-headline-assigned = you have been assigned as handler
notice-headline-concerns-you = a complaint about you
notice-headline-update = a new step in the complaint about you
notice-headline-escalated-board = escalated to the board
notice-headline-escalated-director = escalated to you as director
notice-headline-sign-off = your signature is needed
notice-headline-reopen = the complainant asks to reopen
notice-headline-complainant-added = the complainant added something
notice-headline-complainant-mailed = the complainant sent an e-mail
notice-headline-letter-bounced = a letter came back undelivered
notice-headline-consult-board = very serious or sensitive: consult the board
notice-headline-consult-board-board = very serious: the coordinator consults the board
notice-headline-handler-concerned = the complaint is now about its handler: assign another
notice-headline-deadline-tomorrow = deadline '{ $label }' ends on { $date }
notice-headline-overdue = deadline '{ $label }' has passed

## What a notice says
notice-text-new-complaint = A new complaint has come in: { $reference }. Acknowledge its receipt and assign a handler.
notice-text-resolved-directly = A staff member registered complaint { $reference }, which was resolved at once. It is reported to you for your information.
notice-text-assigned = You have been assigned to handle complaint { $reference }.
notice-text-concerns-you = A complaint has been made about you: { $reference }. The coordinator informs you of it; you can read the complaint and will be kept informed of how it is handled.
notice-text-update = In the complaint about you ({ $reference }): { $step }.
notice-text-escalated-board = Complaint { $reference } has been escalated to the board. You can read the file and take part in the decision.
notice-text-escalated-director = Complaint { $reference } has been escalated to you as director: no solution has been found yet.
notice-text-sign-off = A decision has been made on complaint { $reference }. Your signature on the registration form is needed (as { $capacity }) before it can be closed.
notice-text-reopen = The complainant is not satisfied with how complaint { $reference } was handled and asks to reopen it.
notice-text-complainant-added = The complainant added a message or documents to complaint { $reference } through the status page.
notice-text-complainant-mailed = An e-mail from the complainant has joined complaint { $reference }. Read it in the file.
notice-text-letter-bounced = A letter of complaint { $reference } came back undelivered. Find another way to reach the complainant, for example by post or phone.
notice-text-consult-board = Complaint { $reference } has been classified as very serious or sensitive. Consult the board and escalate it, or record in the file why that is not needed.
notice-text-consult-board-board = Complaint { $reference } has been classified as very serious. Under the complaints regulation the coordinator consults the board about it.
notice-text-handler-concerned = Complaint { $reference } is now about the staff member handling it, who may no longer handle it: assign another handler.
notice-text-deadline-tomorrow = The deadline '{ $label }' of complaint { $reference } ends on { $date }.
notice-text-overdue = The deadline '{ $label }' of complaint { $reference } has passed: it ran until { $date }.

## The step on the complaint about someone (K12), by event kind
notice-step-acknowledged = receipt was acknowledged to the complainant
notice-step-assigned = a handler was assigned
notice-step-extended = a deadline was extended
notice-step-decided = a decision was made
notice-step-signed-off = the registration form was signed
notice-step-closed = the complaint was closed
notice-step-withdrawn = the complaint was withdrawn
notice-step-reopened = the complaint was reopened
notice-step-other = a new step was taken

## The e-mail
notice-mail-subject = Complaint { $reference }: { $headline }
notice-mail-greeting = Dear { $name },
notice-mail-next-deadline = Next deadline: '{ $label }', until { $date }.
notice-mail-see = See complaint { $reference } in the complaints register:
notice-mail-no-details = This message deliberately names no details of the complainant; they are in the file.

## The register's reminders (T15, T16)
reminder-annual-report-headline = write the annual report for { $year }
reminder-annual-report-text = It is January: write the annual report for { $year }. klacht makes the figures from the data; you add the analysis and the recommendations.
reminder-evaluation-headline = evaluate the complaints regulation
reminder-evaluation-text = The complaints regulation has not been evaluated since { $since }. Evaluate it and record the evaluation: when, by whom, whether it was changed and when a new version was adopted.

## The data-subject desk: a request due by the next working day (AVG art. 12)
reminder-request-headline = request { $id } of a data subject is to be answered by { $due }
reminder-request-text = Request { $id } of a data subject (access, correction or erasure of their data, GDPR) is to be answered by { $due }. Answer it, or extend it once by two months and tell the person why within the first month (GDPR art. 12(3)).

## The data-subject desk: the notice that an answer takes longer (GDPR art. 12(3))
desk-extension-subject = Your request about your data at { $org }: we need more time
desk-extension-body =
    Dear { $name },

    On { $received } we received your request about your personal data. We answer within a month, but this time we cannot. The law (article 12(3) GDPR) allows us to extend that period once by two months. You will hear from us by { $due } at the latest.

    The reason: { $reason }

    Kind regards,
    { $org }
