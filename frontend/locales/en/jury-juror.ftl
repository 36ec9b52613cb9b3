## Jury: the jurors' pages (queue, conflict declaration, review form, live pitch scoring)
