from gunicorn.workers.gthread import ThreadWorker

from kit import serve


def _config(**overrides):
    settings = dict(bind="127.0.0.1:0", workers=2, threads=4, service="registry-api", log_format="json")
    return serve._Gunicorn(lambda: None, serve.options(**settings | overrides)).cfg


def test_no_control_socket_so_two_apis_on_one_machine_do_not_collide():
    # gunicorn 27 opens ~/.gunicorn/gunicorn.ctl by default: the second API logged "Address already in use".
    assert _config().control_socket_disable is True


def test_the_settings_are_those_given():
    config = _config(workers=3, threads=8)
    assert (config.workers, config.threads) == (3, 8)
    assert issubclass(config.worker_class, ThreadWorker)  # gthread, with timed reads (issue 20)
