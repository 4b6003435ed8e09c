import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def verify_invited(apps, schema_editor):
    """People an operator invited were granted their JST by that operator: verified. Accounts
    made by confirming an application's e-mail wait for an operator to check the letter."""
    User = apps.get_model("accounts", "User")
    for user in User.objects.filter(
        role__in=["jst_coordinator", "participant"], invited_by__isnull=False
    ):
        user.jst_verified_at = user.date_joined
        user.jst_verified_by_id = user.invited_by_id
        user.save(update_fields=["jst_verified_at", "jst_verified_by"])


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0003_user_language"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="jst_verified_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="JST mandate verified"),
        ),
        migrations.AddField(
            model_name="user",
            name="jst_verified_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.RunPython(verify_invited, migrations.RunPython.noop),
    ]
