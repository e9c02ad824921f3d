"""What the notifications service renders: e-mails and iCalendar feeds."""
