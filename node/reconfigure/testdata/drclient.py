"""Drives a dynamic_reconfigure server with Debian's real Python client for
the Go tests; every command prints one JSON line.

  drclient.py get NODE            the configuration (get_configuration)
  drclient.py descr NODE          the parameter and group descriptions
  drclient.py update NODE JSON    update_configuration(JSON); prints the answer
  drclient.py raw NODE JSON       calls set_parameters with JSON's typed lists
                                  ({"ints": {"a": 1}, ...}); prints the answer
  drclient.py hammer NODE N       N threads x 10 update_configuration calls
"""
import json
import sys
import threading

import rospy
import dynamic_reconfigure.client
from dynamic_reconfigure.msg import BoolParameter, Config, DoubleParameter, IntParameter, StrParameter
from dynamic_reconfigure.srv import Reconfigure


def plain(cfg):
    return {k: v for k, v in cfg.items() if k != 'groups'}


def main():
    cmd, node = sys.argv[1], sys.argv[2]
    rospy.init_node('drclient', anonymous=True, disable_signals=True)
    if cmd == 'raw':
        spec = json.loads(sys.argv[3])
        req = Config()
        req.ints = [IntParameter(k, v) for k, v in spec.get('ints', {}).items()]
        req.doubles = [DoubleParameter(k, v) for k, v in spec.get('doubles', {}).items()]
        req.strs = [StrParameter(k, v) for k, v in spec.get('strs', {}).items()]
        req.bools = [BoolParameter(k, v) for k, v in spec.get('bools', {}).items()]
        rospy.wait_for_service(node + '/set_parameters', 10)
        res = rospy.ServiceProxy(node + '/set_parameters', Reconfigure)(req).config
        print(json.dumps({p.name: p.value for p in res.bools + res.ints + res.strs + res.doubles}))
        return
    client = dynamic_reconfigure.client.Client(node, timeout=10)
    if cmd == 'get':
        print(json.dumps(plain(client.get_configuration(timeout=10))))
    elif cmd == 'descr':
        client.get_configuration(timeout=10)
        params = client.get_parameter_descriptions(timeout=10)
        groups = client.get_group_descriptions(timeout=10)
        enums = {p['name']: eval(p['edit_method']) for p in params if p['edit_method']}
        tree = {'name': groups['name'], 'id': groups['id'], 'parent': groups['parent'], 'type': groups['type'],
                'params': [p['name'] for p in groups['parameters']],
                'groups': {n: {'id': g['id'], 'parent': g['parent'], 'type': g['type'],
                               'params': [p['name'] for p in g['parameters']]} for n, g in groups['groups'].items()}}
        print(json.dumps({'params': [{k: p[k] for k in ('name', 'type', 'min', 'max', 'default', 'description')}
                                     for p in params], 'enums': enums, 'tree': tree}))
    elif cmd == 'update':
        print(json.dumps(plain(client.update_configuration(json.loads(sys.argv[3])))))
    elif cmd == 'hammer':
        errors = []

        def worker(k):
            try:
                c = dynamic_reconfigure.client.Client(node, timeout=10)
                for i in range(10):
                    w = 16 + 10 * k + i
                    got = c.update_configuration({'width': w, 'jpeg_quality': w % 100 + 1})
                    if got['jpeg_quality'] != got['width'] % 100 + 1:
                        errors.append('half-applied: %r' % plain(got))
            except Exception as e:  # reported to the Go test
                errors.append(repr(e))
        threads = [threading.Thread(target=worker, args=(k,)) for k in range(int(sys.argv[3]))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        # The server's own answer, not the client's cache: that follows parameter_updates, which
        # may not have delivered the last update yet.
        print(json.dumps({'errors': errors, 'final': plain(client.update_configuration({}))}))
    rospy.signal_shutdown('done')


if __name__ == '__main__':
    main()
