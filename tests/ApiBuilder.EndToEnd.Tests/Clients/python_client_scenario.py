"""Drives the Wardle server with the official Python Kubernetes client (Debian's python3-kubernetes).

Usage: python3 python_client_scenario.py KUBECONFIG NAMESPACE
Prints one JSON object with what the client saw; the C# test asserts on it.
"""
import json
import sys
import threading

from kubernetes import client, config, watch
from kubernetes.client.rest import ApiException

GROUP, VERSION, PLURAL = "wardle.example.com", "v1alpha1", "flunders"


def main():
    config.load_kube_config(config_file=sys.argv[1])
    ns = sys.argv[2]
    api = client.CustomObjectsApi()
    seen = {}

    body = {"apiVersion": f"{GROUP}/{VERSION}", "kind": "Flunder",
            "metadata": {"name": "py", "labels": {"from": "python"}}, "spec": {"reference": "py-ref"}}
    created = api.create_namespaced_custom_object(GROUP, VERSION, ns, PLURAL, body)
    seen["created_type"] = created["spec"]["referenceType"]
    seen["created_rv"] = created["metadata"]["resourceVersion"]

    listed = api.list_namespaced_custom_object(GROUP, VERSION, ns, PLURAL, label_selector="from=python")
    seen["listed"] = [i["metadata"]["name"] for i in listed["items"]]

    events = []
    stream = watch.Watch()

    def follow():
        for event in stream.stream(api.list_namespaced_custom_object, GROUP, VERSION, ns, PLURAL,
                                   resource_version=listed["metadata"]["resourceVersion"], timeout_seconds=10):
            events.append((event["type"], event["object"]["spec"].get("reference")))
            if event["type"] == "DELETED":
                stream.stop()

    watcher = threading.Thread(target=follow)
    watcher.start()

    patched = api.patch_namespaced_custom_object(GROUP, VERSION, ns, PLURAL, "py", {"spec": {"reference": "patched"}})
    seen["patched"] = patched["spec"]["reference"]
    seen["generation"] = patched["metadata"]["generation"]

    status = api.patch_namespaced_custom_object_status(GROUP, VERSION, ns, PLURAL, "py", {"status": {"phase": "Ready"}})
    seen["phase"] = status["status"]["phase"]

    try:
        api.get_namespaced_custom_object(GROUP, VERSION, ns, PLURAL, "missing")
    except ApiException as e:
        seen["missing"] = [e.status, json.loads(e.body)["reason"]]

    stale = dict(patched)
    stale["spec"] = {"reference": "stale"}
    try:
        api.replace_namespaced_custom_object(GROUP, VERSION, ns, PLURAL, "py", stale)
    except ApiException as e:
        seen["stale"] = [e.status, json.loads(e.body)["reason"]]

    # Server-side apply through the client's ApiClient (this client version's typed patch methods choose
    # the patch content type themselves): create-on-apply, a conflict over another manager's value, then force.
    def apply(name, obj, manager, force=False):
        query = [("fieldManager", manager)] + ([("force", "true")] if force else [])
        return api.api_client.call_api(
            f"/apis/{GROUP}/{VERSION}/namespaces/{ns}/{PLURAL}/{name}", "PATCH", query_params=query,
            header_params={"Content-Type": "application/apply-patch+yaml", "Accept": "application/json"},
            body=json.dumps(obj), response_type="object", auth_settings=["BearerToken"], _return_http_data_only=True)

    applied = {"apiVersion": f"{GROUP}/{VERSION}", "kind": "Flunder",
               "metadata": {"name": "py-applied", "namespace": ns}, "spec": {"reference": "applied"}}
    first = apply("py-applied", applied, "py-one")
    seen["applied_managers"] = [(m["manager"], m["operation"]) for m in first["metadata"]["managedFields"]]
    applied["spec"]["reference"] = "taken"
    try:
        apply("py-applied", applied, "py-two")
    except ApiException as e:
        body = json.loads(e.body)
        seen["apply_conflict"] = [e.status, body["message"], [c["field"] for c in body["details"]["causes"]]]
    forced = apply("py-applied", applied, "py-two", force=True)
    seen["forced"] = forced["spec"]["reference"]
    api.delete_namespaced_custom_object(GROUP, VERSION, ns, PLURAL, "py-applied")

    api.delete_namespaced_custom_object(GROUP, VERSION, ns, PLURAL, "py")
    watcher.join(15)
    seen["events"] = events
    print(json.dumps(seen))


if __name__ == "__main__":
    main()
