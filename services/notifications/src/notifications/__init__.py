"""ISO-HCC notifications: reminders before deadlines (e-mail) and calendar feeds (issue 24)."""
